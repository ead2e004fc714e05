/* kith-import-pdf.c — PDF reports, with poppler
 *
 * Poppler gives each page's text as lines, and where every character sits.
 * From that, page by page:
 *
 *   glyphs   icon-font names that copy-paste spells out (“user-hard-hat”)
 *            and private-use characters go; a gap wider than a character
 *            splits a line (table cells, columns set close together)
 *   order    lines are put in reading order by cutting the page at its
 *            widest white gaps, across or down (an XY cut): a header band,
 *            then two columns left before right, then a footer band; a
 *            table's columns are not cut apart, so its rows read across
 *   running  lines that begin or end most pages alike (digits aside, so
 *            “Page 3” matches “Page 4”; the page number at either end
 *            aside; or at the same height, a long part in common) are
 *            headers, footers or page numbers, and are dropped
 *   reflow   a line that ran out of room in its block (the next word would
 *            not have fitted) is joined to the next, across columns and
 *            pages too, and so is one stopping mid-sentence before a line
 *            in lower case; a hyphen that broke a word goes, a hyphen that
 *            is part of one (“well-being”, written whole elsewhere) stays.
 *            A line ending early ends a paragraph; a blank gap or a change
 *            of type size separates paragraphs by a blank line; cells of a
 *            table row are joined by tabs, a row to the next by a newline.
 *
 * Password-protected and damaged PDFs are refused; so are PDFs without text
 * (scans: Kith does no OCR).
 */
#include <math.h>
#include <poppler.h>
#include <string.h>

#include "kith-import-private.h"
#include "kith-i18n.h"
#include "kith-reflow.h"

#define RUNNING_LINES 2     /* how many lines at each end of a page may be running */
#define MAX_CUT_DEPTH 200

typedef struct
{
  char   *text;
  double  x1, y1, x2, y2;
  double  first_word;  /* width of the first word, in points */
  double  char_width;  /* the line's mean character width */
  double  height;      /* the median height of its characters: the type size */
  guint   page;
  guint   region;      /* lines of one region share a column */
  gboolean dropped;    /* a running header or footer */
} Line;

static void
line_free (Line *line)
{
  g_free (line->text);
  g_free (line);
}

gboolean
kith_import_pdf_claims (const guint8 *head,
                        gsize         len)
{
  /* the header may follow a little junk, as readers allow */
  for (gsize i = 0; i + 5 <= len && i < 1024; i++)
    if (memcmp (head + i, "%PDF-", 5) == 0)
      return TRUE;
  return FALSE;
}

/* ---- lines with their boxes ------------------------------------------------ */

static gboolean
is_space_char (gunichar c)
{
  return c == ' ' || c == '\t' || c == 0x00A0;
}

/* Typographic ligatures that some PDFs keep as single characters. */
static void
append_char (GString *out, gunichar c)
{
  static const struct { gunichar c; const char *letters; } ligatures[] = {
    { 0xFB00, "ff" }, { 0xFB01, "fi" }, { 0xFB02, "fl" }, { 0xFB03, "ffi" }, { 0xFB04, "ffl" },
    { 0xFB05, "st" }, { 0xFB06, "st" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (ligatures); i++)
    if (c == ligatures[i].c)
      {
        g_string_append (out, ligatures[i].letters);
        return;
      }
  /* control characters are not text */
  if (c < 0x20 || (c >= 0x7F && c < 0xA0))
    c = ' ';
  g_string_append_unichar (out, c);
}

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* One character of a page's text, with its box. */
typedef struct
{
  gunichar          c;
  PopplerRectangle *r;
  gboolean          skip;  /* an icon's glyph: not text */
} Glyph;

static double
glyph_width (const Glyph *g)
{
  return fabs (g->r->x2 - g->r->x1);
}

static double
glyph_height (const Glyph *g)
{
  return fabs (g->r->y2 - g->r->y1);
}

/* Icon fonts (Font Awesome and its kind) draw one glyph for a name such as
 * “user-hard-hat”, and copy-paste spells the name out: poppler then shares
 * the glyph's width among its letters, so they come out as a run of equal,
 * impossibly narrow boxes. Private-use characters are icons too. */
static void
mark_icons (Glyph *g, guint n)
{
  for (guint i = 0; i < n; i++)
    {
      guint j = i + 1;

      if (g[i].c >= 0xE000 && g[i].c <= 0xF8FF)
        g[i].skip = TRUE;
      if (is_space_char (g[i].c) || glyph_width (&g[i]) >= 0.2 * glyph_height (&g[i]))
        continue;
      /* touching, either way round (right-to-left text runs leftwards) */
      while (j < n && !is_space_char (g[j].c) && fabs (glyph_width (&g[j]) - glyph_width (&g[i])) < 0.05
             && (fabs (g[j].r->x1 - g[j - 1].r->x2) < 0.05 || fabs (g[j].r->x2 - g[j - 1].r->x1) < 0.05))
        j++;
      if (j - i >= 3)
        for (guint k = i; k < j; k++)
          g[k].skip = TRUE;
      i = j - 1;
    }
}

static Line *
make_line (const Glyph *glyphs,
           guint        n_glyphs,
           guint        page)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GArray) heights = g_array_new (FALSE, FALSE, sizeof (double));
  Line *line;
  double x1 = G_MAXDOUBLE, y1 = G_MAXDOUBLE, x2 = -G_MAXDOUBLE, y2 = -G_MAXDOUBLE;
  double word_end = -1, word_start = -1;
  gboolean in_first_word = TRUE, seen = FALSE;
  guint n = 0;

  for (guint i = 0; i < n_glyphs; i++)
    {
      gunichar c = glyphs[i].c;
      PopplerRectangle *r = glyphs[i].r;

      if (glyphs[i].skip)
        continue;
      append_char (text, c);
      if (is_space_char (c))
        {
          if (seen)
            in_first_word = FALSE;
          continue;
        }
      seen = TRUE;
      n++;
      {
        double h = fabs (r->y2 - r->y1);
        g_array_append_val (heights, h);
      }
      x1 = MIN (x1, MIN (r->x1, r->x2));
      x2 = MAX (x2, MAX (r->x1, r->x2));
      y1 = MIN (y1, MIN (r->y1, r->y2));
      y2 = MAX (y2, MAX (r->y1, r->y2));
      if (in_first_word)
        {
          if (word_start < 0)
            word_start = MIN (r->x1, r->x2);
          word_end = MAX (r->x1, r->x2);
        }
    }
  g_strstrip (text->str);
  if (!seen || text->str[0] == '\0')
    return NULL;
  line = g_new0 (Line, 1);
  line->text = g_strdup (text->str);
  line->x1 = x1;
  line->y1 = y1;
  line->x2 = x2;
  line->y2 = y2;
  line->first_word = word_end - word_start;
  line->char_width = (x2 - x1) / n;
  /* a superscript or a symbol in another font does not make a heading */
  g_array_sort (heights, compare_double);
  line->height = g_array_index (heights, double, heights->len / 2);
  line->page = page;
  return line;
}

static void
add_line (Line *line, GPtrArray *owner, GPtrArray *lines)
{
  if (line == NULL)
    return;
  g_ptr_array_add (owner, line);
  g_ptr_array_add (lines, line);
}

/* Poppler runs table cells, and columns set close together, into one line,
 * often without a space between them: a gap wider than a character or so
 * (an ordinary word space is a third of one) starts a line of its own. */
static void
split_line (Glyph     *glyphs,
            guint      n,
            guint      page,
            GPtrArray *owner,
            GPtrArray *lines)
{
  guint start = 0;
  int last = -1;

  mark_icons (glyphs, n);
  for (guint i = 0; i < n; i++)
    {
      if (glyphs[i].skip || is_space_char (glyphs[i].c))
        continue;
      if (last >= 0)
        {
          double height = MAX (glyph_height (&glyphs[i]), glyph_height (&glyphs[last]));
          double gap = MIN (glyphs[i].r->x1, glyphs[i].r->x2) - MAX (glyphs[last].r->x1, glyphs[last].r->x2);
          if (gap > 1.2 * height)
            {
              add_line (make_line (glyphs + start, i - start, page), owner, lines);
              start = i;
            }
        }
      last = (int) i;
    }
  add_line (make_line (glyphs + start, n - start, page), owner, lines);
}

/* The page's lines, with boxes, added to @lines and to @owner; FALSE when
 * poppler's layout does not match its text (no geometry to work with). */
static gboolean
page_lines (PopplerPage *page,
            guint        index,
            GPtrArray   *owner,
            GPtrArray   *lines)
{
  g_autofree char *text = poppler_page_get_text (page);
  g_autofree PopplerRectangle *rects = NULL;
  g_autoptr(GArray) glyphs = g_array_new (FALSE, FALSE, sizeof (Glyph));
  guint n_rects = 0, at = 0;

  if (text == NULL)
    return TRUE;
  if (!poppler_page_get_text_layout (page, &rects, &n_rects) || (glong) n_rects != g_utf8_strlen (text, -1))
    return *text == '\0';
  for (const char *p = text; ; p = g_utf8_next_char (p), at++)
    {
      if (*p == '\n' || *p == '\0')
        {
          split_line ((Glyph *) (void *) glyphs->data, glyphs->len, index, owner, lines);
          g_array_set_size (glyphs, 0);
          if (*p == '\0')
            break;
          continue;
        }
      {
        Glyph g = { g_utf8_get_char (p), &rects[at], FALSE };
        g_array_append_val (glyphs, g);
      }
    }
  return TRUE;
}

/* ---- reading order: the XY cut --------------------------------------------- */

static int
by_y (gconstpointer a, gconstpointer b)
{
  const Line *la = *(Line *const *) a, *lb = *(Line *const *) b;

  return la->y1 < lb->y1 ? -1 : la->y1 > lb->y1 ? 1 : la->x1 < lb->x1 ? -1 : la->x1 > lb->x1;
}

static int
by_x (gconstpointer a, gconstpointer b)
{
  const Line *la = *(Line *const *) a, *lb = *(Line *const *) b;

  return la->x1 < lb->x1 ? -1 : la->x1 > lb->x1;
}

/* The widest gap along one axis that no line crosses: its size, and the
 * index (in @lines, sorted along that axis) of the first line after it. */
static double
widest_gap (GPtrArray *lines,
            gboolean   across,
            guint     *split)
{
  double reach, best = 0;

  g_ptr_array_sort (lines, across ? by_y : by_x);
  reach = across ? ((Line *) lines->pdata[0])->y2 : ((Line *) lines->pdata[0])->x2;
  for (guint i = 1; i < lines->len; i++)
    {
      Line *l = lines->pdata[i];
      double start = across ? l->y1 : l->x1;
      double end = across ? l->y2 : l->x2;
      if (start - reach > best)
        {
          best = start - reach;
          *split = i;
        }
      reach = MAX (reach, end);
    }
  return best;
}

static guint
count_words (const char *text)
{
  guint words = 0;
  gboolean in_word = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      gboolean space = *p == ' ' || *p == '\t';
      words += !space && !in_word;
      in_word = !space;
    }
  return words;
}

/* Whether lines [@from, @to) of @lines are running text, most of them
 * several words long, rather than table cells. */
static gboolean
is_prose (GPtrArray *lines,
          guint      from,
          guint      to)
{
  guint long_lines = 0;

  for (guint i = from; i < to; i++)
    long_lines += count_words (((Line *) lines->pdata[i])->text) >= 4;
  return long_lines * 2 >= to - from;
}

static void
xy_cut (GPtrArray *lines,
        GPtrArray *out,
        guint      region,
        guint     *n_regions,
        guint      depth)
{
  guint split_down = 0, split_across = 0;
  double down, across;
  gboolean cut_down;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;

  if (lines->len == 0)
    return;
  down = lines->len > 1 && depth < MAX_CUT_DEPTH ? widest_gap (lines, FALSE, &split_down) : 0;
  across = lines->len > 1 && depth < MAX_CUT_DEPTH ? widest_gap (lines, TRUE, &split_across) : 0;
  /* a gutter narrower than a couple of characters is not one, and a gap
   * between columns of a table is not a gutter: its rows read across */
  cut_down = down >= 6.0 && down > across && (is_prose (lines, 0, split_down) || is_prose (lines, split_down, lines->len));
  if (!cut_down && across <= 0)
    {
      g_ptr_array_sort (lines, by_y);
      for (guint i = 0; i < lines->len; i++)
        {
          Line *l = lines->pdata[i];
          l->region = region;
          g_ptr_array_add (out, l);
        }
      return;
    }
  g_ptr_array_sort (lines, cut_down ? by_x : by_y);
  first = g_ptr_array_new ();
  second = g_ptr_array_new ();
  for (guint i = 0; i < lines->len; i++)
    g_ptr_array_add (i < (cut_down ? split_down : split_across) ? first : second, lines->pdata[i]);
  if (cut_down)
    {
      /* columns, left before right, each a region of its own */
      xy_cut (first, out, ++*n_regions, n_regions, depth + 1);
      xy_cut (second, out, ++*n_regions, n_regions, depth + 1);
    }
  else
    {
      xy_cut (first, out, region, n_regions, depth + 1);
      xy_cut (second, out, region, n_regions, depth + 1);
    }
}

/* ---- running headers and footers ------------------------------------------- */

/* “Page 12 of 30” and “Page 3 of 30” alike */
static char *
normalise (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean in_number = FALSE, space = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isdigit (c))
        {
          if (!in_number)
            g_string_append_c (out, '#');
          in_number = TRUE;
          continue;
        }
      in_number = FALSE;
      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, g_unichar_tolower (c));
    }
  return g_string_free (out, FALSE);
}

/* A running line's key: its normalised text without the page number at
 * either end, so that a header mirrored on facing pages (“4 | Title” and
 * “Title | 5”) is one header, and bare page numbers are one key. */
static char *
running_key (const char *text)
{
  g_autofree char *key = normalise (text);
  const char *start = key;
  const char *end = key + strlen (key);

  for (;;)
    {
      while (start < end && !g_ascii_isalnum (*start) && *start != '#' && !(*start & 0x80))
        start++;
      while (end > start && !g_ascii_isalnum (end[-1]) && end[-1] != '#' && !(end[-1] & 0x80))
        end--;
      if (start < end && *start == '#')
        start++;
      else if (end > start && end[-1] == '#')
        end--;
      else
        break;
    }
  return g_strndup (start, (gsize) (end - start));
}

typedef struct
{
  char   *key;
  double  y1;
} EndLine;

static void
end_line_free (EndLine *e)
{
  g_free (e->key);
  g_free (e);
}

/* Whether two lines at the same end of their pages are one running line:
 * the same key, or, at the same height on the page, a line that changes a
 * little from page to page, as a header naming the chapter does (“Title —
 * 2. Our work”, “Title — 3. Reach”): sharing a long beginning or end. */
static gboolean
ends_alike (const EndLine *x,
            const EndLine *y)
{
  const char *a = x->key, *b = y->key;
  gsize la = strlen (a), lb = strlen (b), longer = MAX (la, lb), prefix = 0, suffix = 0;

  if (strcmp (a, b) == 0)
    return TRUE;
  if (fabs (x->y1 - y->y1) > 1.0)
    return FALSE;
  while (prefix < la && prefix < lb && a[prefix] == b[prefix])
    prefix++;
  while (suffix < la && suffix < lb && a[la - 1 - suffix] == b[lb - 1 - suffix])
    suffix++;
  return (prefix >= 16 && prefix * 2 >= longer) || (suffix >= 16 && suffix * 2 >= longer);
}

/* A page's first (@at_top) or last RUNNING_LINES lines. */
static GPtrArray *
page_ends (GPtrArray *lines,
           gboolean   at_top)
{
  GPtrArray *ends = g_ptr_array_new_with_free_func ((GDestroyNotify) end_line_free);

  for (guint i = 0; i < RUNNING_LINES && i < lines->len; i++)
    {
      Line *l;
      EndLine *e;

      /* a page too short to have both ends gives its lines to the top */
      if (!at_top && lines->len - 1 - i < RUNNING_LINES)
        break;
      l = lines->pdata[at_top ? i : lines->len - 1 - i];
      e = g_new (EndLine, 1);
      e->key = running_key (l->text);
      e->y1 = l->y1;
      g_ptr_array_add (ends, e);
    }
  return ends;
}

/* @pages: for each page, a GPtrArray of its lines in reading order. A line
 * at either end of a page is running when a line alike sits at the same end
 * of most pages: more than half of those with text, and at least two. */
static void
drop_running_lines (GPtrArray *pages)
{
  g_autoptr(GPtrArray) tops = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) bottoms = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  guint with_text = 0;

  for (guint p = 0; p < pages->len; p++)
    {
      GPtrArray *lines = pages->pdata[p];
      with_text += lines->len > 0;
      g_ptr_array_add (tops, page_ends (lines, TRUE));
      g_ptr_array_add (bottoms, page_ends (lines, FALSE));
    }
  if (with_text < 2)
    return;

  for (guint p = 0; p < pages->len; p++)
    {
      GPtrArray *lines = pages->pdata[p];
      for (int end = 0; end < 2; end++)
        {
          GPtrArray *ends = end == 0 ? tops : bottoms;
          GPtrArray *keys = ends->pdata[p];
          for (guint i = 0; i < keys->len; i++)
            {
              guint count = 0;
              for (guint q = 0; q < pages->len; q++)
                {
                  GPtrArray *other = ends->pdata[q];
                  for (guint j = 0; j < other->len; j++)
                    if (ends_alike (keys->pdata[i], other->pdata[j]))
                      {
                        count++;
                        break;
                      }
                }
              if (count < 2 || count * 2 <= with_text)
                break;
              ((Line *) lines->pdata[end == 0 ? i : lines->len - 1 - i])->dropped = TRUE;
            }
        }
    }
}

/* ---- joining lines --------------------------------------------------------- */

/* The right edge that lines wrap at: the furthest that at least two of
 * @lines reach (give or take two characters), so that one long heading or
 * a lone line does not set it. G_MAXDOUBLE when no two lines agree. */
static double
agreed_right (Line **lines,
              guint  n)
{
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (double));
  double width = 0;

  for (guint i = 0; i < n; i++)
    {
      g_array_append_val (edges, lines[i]->x2);
      width += lines[i]->char_width;
    }
  if (edges->len < 2)
    return G_MAXDOUBLE;
  width /= edges->len;
  g_array_sort (edges, compare_double);
  for (guint i = edges->len - 1; i > 0; i--)
    if (g_array_index (edges, double, i) - g_array_index (edges, double, i - 1) <= 2 * width)
      return g_array_index (edges, double, i);
  return G_MAXDOUBLE;
}

static double
line_gap (const Line *a, const Line *b)
{
  return b->y1 - a->y2;
}

static gboolean
same_size (const Line *a, const Line *b)
{
  return fabs (a->height - b->height) <= 0.12 * MAX (a->height, b->height);
}

/* Whether @b sits on @a's baseline to its right: the next cell of a row. */
static gboolean
same_row (const Line *a, const Line *b)
{
  return a->page == b->page && b->x1 > a->x2 && fabs (b->y2 - a->y2) < 0.3 * MAX (a->height, b->height);
}

/* Whether @b is the next line of @a's block: the same column and type
 * size, below it, no blank line between. */
static gboolean
same_block (const Line *a, const Line *b)
{
  return a->page == b->page && a->region == b->region && b->y1 > a->y1 && same_size (a, b)
         && line_gap (a, b) <= 0.7 * MAX (a->height, b->height);
}

/* For each line of @lines (reading order, running lines gone), where the
 * lines of its block wrap. A block is measured on its own, so that an
 * indented pull quote or a narrower list is not held to the column's edge;
 * a block with too few lines to tell takes its column's. */
static double *
wrap_edges (GPtrArray *lines)
{
  double *rights = g_new (double, lines->len);
  g_autoptr(GHashTable) columns = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  guint start = 0;

  for (guint i = 0; i < lines->len; i++)
    {
      Line *l = lines->pdata[i];
      GPtrArray *column = g_hash_table_lookup (columns, GUINT_TO_POINTER (l->region));
      if (column == NULL)
        {
          column = g_ptr_array_new ();
          g_hash_table_insert (columns, GUINT_TO_POINTER (l->region), column);
        }
      g_ptr_array_add (column, l);
    }
  for (guint i = 1; i <= lines->len; i++)
    {
      double right;
      guint n = i - start;

      if (i < lines->len && same_block (lines->pdata[i - 1], lines->pdata[i]))
        continue;
      right = agreed_right ((Line **) lines->pdata + start, n);
      if (right == G_MAXDOUBLE && n >= 3)
        {
          /* greedy wrapping never passes the edge: the longest line but the
           * last is the nearest to it */
          right = 0;
          for (guint k = start; k + 1 < i; k++)
            right = MAX (right, ((Line *) lines->pdata[k])->x2);
        }
      if (right == G_MAXDOUBLE)
        {
          GPtrArray *column = g_hash_table_lookup (columns, GUINT_TO_POINTER (((Line *) lines->pdata[start])->region));
          right = agreed_right ((Line **) column->pdata, column->len);
        }
      for (guint k = start; k < i; k++)
        rights[k] = right;
      start = i;
    }
  return rights;
}

static gunichar
last_char (const char *text)
{
  gsize len = strlen (text);

  return len > 0 ? g_utf8_get_char (g_utf8_find_prev_char (text, text + len)) : 0;
}

typedef enum { BREAK_LINE, BREAK_PARAGRAPH, WRAPPED, NEXT_CELL } Meeting;

static gboolean
is_list_item (const Line *l)
{
  return kith_reflow_classify (l->text, strlen (l->text)) == KITH_LINE_LIST;
}

static Meeting
how_lines_meet (Line     *a,
                Line     *b,
                double    right,
                gboolean  a_in_row,
                gboolean  a_in_list)
{
  double height = MAX (a->height, b->height);
  gboolean full;
  gboolean same_column = a->page == b->page && a->region == b->region && b->y1 > a->y1;
  gunichar last = last_char (a->text);

  if (same_row (a, b))
    return NEXT_CELL;
  /* a blank line's worth of gap */
  if (same_column && line_gap (a, b) > 0.7 * height)
    return BREAK_PARAGRAPH;
  /* a table's row ends where its last cell does */
  if (a_in_row)
    return BREAK_LINE;
  /* a change of type size: a heading and what follows it */
  if (!same_size (a, b))
    return BREAK_PARAGRAPH;
  /* the next word (and a space) would not have fitted: the line was wrapped */
  full = right < G_MAXDOUBLE && a->x2 + 0.5 * a->char_width + b->first_word > right;
  /* a list item, unless a sentence ran out of room and goes on with a
   * dash (“… domestic violence” / “– an international trend”) */
  if (is_list_item (b) && (a_in_list || !full || kith_reflow_ends_sentence (last)))
    return BREAK_LINE;
  /* a list's last item at the foot of a column, and a new paragraph at the
   * top of the next: an item seldom goes on across the break in capitals */
  if (full && a_in_list && !same_column && !g_unichar_islower (g_utf8_get_char (b->text)))
    return BREAK_PARAGRAPH;
  if (full)
    return WRAPPED;
  if (last == '-' && g_unichar_islower (g_utf8_get_char (b->text)))
    return WRAPPED;
  /* stopped mid-sentence and goes on in lower case, as at the foot of a
   * column whose last line was cut short by a figure or a page break */
  if (!kith_reflow_ends_sentence (last) && g_unichar_islower (g_utf8_get_char (b->text)))
    return WRAPPED;
  return kith_reflow_ends_sentence (last) ? BREAK_PARAGRAPH : BREAK_LINE;
}

/* Lines to text. @lines in reading order, all pages. Returns how many
 * line ends were joined away. */
static guint
join_lines (GPtrArray *all,
            gboolean   reflow,
            GString   *out)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();
  g_autofree double *rights = NULL;
  KithReflowPlan plan;
  gboolean in_row = FALSE, in_list = FALSE;
  guint joined = 0;

  for (guint i = 0; i < all->len; i++)
    if (!((Line *) all->pdata[i])->dropped)
      g_ptr_array_add (lines, all->pdata[i]);
  rights = wrap_edges (lines);
  kith_reflow_plan_init (&plan);
  /* words written whole with a hyphen somewhere keep it when broken */
  {
    g_autoptr(GString) text = g_string_new (NULL);
    for (guint i = 0; i < lines->len; i++)
      {
        g_string_append (text, ((Line *) lines->pdata[i])->text);
        g_string_append_c (text, '\n');
      }
    kith_reflow_plan_analyse (&plan, text->str, text->len);
  }

  for (guint i = 0; i < lines->len; i++)
    {
      Line *l = lines->pdata[i];
      Line *prev = i > 0 ? lines->pdata[i - 1] : NULL;
      Meeting meeting;

      if (prev == NULL)
        {
          g_string_append (out, l->text);
          in_list = is_list_item (l);
          continue;
        }
      meeting = how_lines_meet (prev, l, rights[i - 1], in_row, in_list);
      in_row = meeting == NEXT_CELL;
      /* a list item goes on for as long as its lines wrap */
      if (meeting != WRAPPED)
        in_list = is_list_item (l);
      if (meeting == NEXT_CELL)
        g_string_append_c (out, '\t');
      else if (meeting == WRAPPED && reflow)
        {
          KithJoin join = kith_reflow_join_wrapped (&plan, prev->text, strlen (prev->text),
                                                    l->text, strlen (l->text));
          if (join == KITH_JOIN_DEHYPHENATE)
            g_string_truncate (out, (gsize) (g_utf8_find_prev_char (out->str, out->str + out->len) - out->str));
          else if (join == KITH_JOIN_SPACE)
            g_string_append_c (out, ' ');
          joined++;
        }
      else
        g_string_append (out, meeting == BREAK_PARAGRAPH ? "\n\n" : "\n");
      g_string_append (out, l->text);
    }
  if (out->len > 0)
    g_string_append_c (out, '\n');
  kith_reflow_plan_clear (&plan);
  return joined;
}

/* ---- the document ---------------------------------------------------------- */

static gboolean
open_document (GBytes           *bytes,
               PopplerDocument **doc_out,
               GError          **error)
{
  g_autoptr(GError) local = NULL;
  PopplerDocument *doc = poppler_document_new_from_bytes (bytes, NULL, &local);

  if (doc == NULL)
    {
      if (g_error_matches (local, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        g_set_error (error, KITH_ERROR, KITH_ERROR_ENCRYPTED,
                     _("the PDF is password-protected; save a copy without a password and import that"));
      else if (local == NULL || g_error_matches (local, POPPLER_ERROR, POPPLER_ERROR_DAMAGED))
        g_set_error (error, KITH_ERROR, KITH_ERROR_CORRUPT, _("the PDF is damaged and cannot be read"));
      else
        g_set_error (error, KITH_ERROR, KITH_ERROR_CORRUPT, _("the PDF is damaged and cannot be read (%s)"), local->message);
      return FALSE;
    }
  if (poppler_document_get_n_pages (doc) <= 0)
    {
      g_object_unref (doc);
      g_set_error (error, KITH_ERROR, KITH_ERROR_CORRUPT, _("the PDF is damaged: it has no pages"));
      return FALSE;
    }
  *doc_out = doc;
  return TRUE;
}

/* The text of every page, in reading order, running lines dropped. */
static gboolean
extract (KithImportContext *ctx,
         PopplerDocument   *doc,
         GString           *text,
         GError           **error)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) line_free);
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) ordered = g_ptr_array_new ();
  guint n_pages = (guint) poppler_document_get_n_pages (doc), n_regions = 0;

  for (guint p = 0; p < n_pages; p++)
    {
      PopplerPage *page = poppler_document_get_page (doc, (int) p);
      g_autoptr(GPtrArray) lines = g_ptr_array_new ();
      GPtrArray *in_order = g_ptr_array_new ();
      gboolean ok = page != NULL && page_lines (page, p, all, lines);

      g_clear_object (&page);
      g_ptr_array_add (pages, in_order);
      if (!ok)
        {
          g_set_error (error, KITH_ERROR, KITH_ERROR_CORRUPT,
                       _("the PDF is damaged: the text of page %u cannot be read"), p + 1);
          return FALSE;
        }
      xy_cut (lines, in_order, ++n_regions, &n_regions, 0);
      if (!kith_import_context_progress (ctx, 0.3 + 0.5 * (p + 1) / n_pages, error))
        return FALSE;
    }
  drop_running_lines (pages);
  for (guint p = 0; p < pages->len; p++)
    {
      GPtrArray *lines = pages->pdata[p];
      for (guint i = 0; i < lines->len; i++)
        g_ptr_array_add (ordered, lines->pdata[i]);
    }
  if (all->len == 0)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_EMPTY,
                   _("the PDF contains no text: it may be scanned pages, and Kith cannot read text in images"));
      return FALSE;
    }
  ctx->n_joined = join_lines (ordered, ctx->options->reflow != KITH_REFLOW_NEVER, text);
  ctx->reflowed = ctx->n_joined > 0;
  for (guint i = 0; i < ordered->len; i++)
    ctx->n_furniture += ((Line *) ordered->pdata[i])->dropped;
  return TRUE;
}

gboolean
kith_import_pdf_parse (KithImportContext *ctx,
                       GError           **error)
{
  g_autoptr(GBytes) bytes = kith_import_context_read_bytes (ctx, KITH_IMPORT_MAX_MEMORY_BYTES, "a PDF", error);
  g_autoptr(GString) text = g_string_new (NULL);
  PopplerDocument *doc = NULL;
  gboolean ok;

  if (bytes == NULL || !open_document (bytes, &doc, error))
    return FALSE;
  ctx->title = kith_import_clean_title (poppler_document_get_title (doc));
  ok = extract (ctx, doc, text, error);
  g_object_unref (doc);
  return ok && kith_import_context_build (ctx, KITH_REFLOW_NEVER, text->str, text->len, error);
}
