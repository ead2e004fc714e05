/* kith-import-pdf.c — PDF reports, with poppler
 *
 * Poppler gives each page's text as lines, and where every character sits.
 * From that, page by page:
 *
 *   order    lines are put in reading order by cutting the page at its
 *            widest white gaps, across or down (an XY cut): a header band,
 *            then two columns left before right, then a footer band
 *   running  lines that begin or end most pages alike (digits aside, so
 *            “Page 3” matches “Page 4”) are headers, footers or page
 *            numbers, and are dropped
 *   reflow   a line that ran out of room in its column (the next word would
 *            not have fitted) is joined to the next, across columns and
 *            pages too; a hyphen that broke a word goes, a hyphen that is
 *            part of one (“well-being”, written whole elsewhere) stays. A
 *            line ending early ends a paragraph; a blank gap or a change of
 *            type size separates paragraphs by a blank line.
 *
 * Password-protected and damaged PDFs are refused; so are PDFs without text
 * (scans: Kith does no OCR).
 */
#include <math.h>
#include <poppler.h>
#include <string.h>

#include "kith-import-private.h"
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

static Line *
make_line (const char       *start,
           const char       *end,
           PopplerRectangle *rects,
           guint             first_rect,
           guint             page)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GArray) heights = g_array_new (FALSE, FALSE, sizeof (double));
  Line *line;
  double x1 = G_MAXDOUBLE, y1 = G_MAXDOUBLE, x2 = -G_MAXDOUBLE, y2 = -G_MAXDOUBLE;
  double word_end = -1, word_start = -1;
  gboolean in_first_word = TRUE, seen = FALSE;
  guint n = 0, i = first_rect;

  for (const char *p = start; p < end; p = g_utf8_next_char (p), i++)
    {
      gunichar c = g_utf8_get_char (p);
      PopplerRectangle *r = &rects[i];

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
  guint n_rects = 0, at = 0;
  const char *p, *line_start;

  if (text == NULL)
    return TRUE;
  if (!poppler_page_get_text_layout (page, &rects, &n_rects) || (glong) n_rects != g_utf8_strlen (text, -1))
    return *text == '\0';
  line_start = text;
  for (p = text; ; p = g_utf8_next_char (p))
    {
      if (*p == '\n' || *p == '\0')
        {
          Line *line = make_line (line_start, p, rects, at, index);
          if (line != NULL)
            {
              g_ptr_array_add (owner, line);
              g_ptr_array_add (lines, line);
            }
          at += (guint) g_utf8_strlen (line_start, p - line_start) + (*p == '\n');
          if (*p == '\0')
            break;
          line_start = p + 1;
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
  /* a gutter narrower than a couple of characters is not one */
  cut_down = down >= 6.0 && down > across;
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

/* @pages: for each page, a GPtrArray of its lines in reading order */
static void
drop_running_lines (GPtrArray *pages)
{
  g_autoptr(GHashTable) top = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) bottom = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint with_text = 0;

  for (guint p = 0; p < pages->len; p++)
    {
      GPtrArray *lines = pages->pdata[p];
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      with_text += lines->len > 0;
      for (guint i = 0; i < lines->len && i < 2 * RUNNING_LINES; i++)
        {
          gboolean at_top = i < RUNNING_LINES;
          guint k = at_top ? i : lines->len - 1 - (i - RUNNING_LINES);
          GHashTable *counts = at_top ? top : bottom;
          g_autofree char *key = NULL;
          g_autofree char *seen_key = NULL;

          if (!at_top && k < RUNNING_LINES)
            break;
          key = normalise (((Line *) lines->pdata[k])->text);
          seen_key = g_strconcat (at_top ? "t" : "b", key, NULL);
          if (g_hash_table_contains (seen, seen_key))
            continue;
          g_hash_table_add (seen, g_steal_pointer (&seen_key));
          g_hash_table_insert (counts, g_strdup (key),
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, key)) + 1));
        }
    }
  if (with_text < 2)
    return;

  /* on most pages: more than half of those with text, and at least two */
  for (guint p = 0; p < pages->len; p++)
    {
      GPtrArray *lines = pages->pdata[p];
      for (int end = 0; end < 2; end++)
        for (guint i = 0; i < RUNNING_LINES && i < lines->len; i++)
          {
            Line *l = lines->pdata[end == 0 ? i : lines->len - 1 - i];
            g_autofree char *key = normalise (l->text);
            guint count = GPOINTER_TO_UINT (g_hash_table_lookup (end == 0 ? top : bottom, key));
            if (count < 2 || count * 2 <= with_text)
              break;
            l->dropped = TRUE;
          }
    }
}

/* ---- joining lines --------------------------------------------------------- */

/* The right edge of a region's column: the furthest that at least two of
 * its lines reach (give or take two characters), so that one long heading
 * or a lone line does not set it. G_MAXDOUBLE when no two lines agree. */
static double
column_right (GPtrArray *lines,
              guint      region)
{
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (double));
  double width = 0;

  for (guint i = 0; i < lines->len; i++)
    {
      Line *l = lines->pdata[i];
      if (l->region == region && !l->dropped)
        {
          g_array_append_val (edges, l->x2);
          width += l->char_width;
        }
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

static gunichar
last_char (const char *text)
{
  gsize len = strlen (text);

  return len > 0 ? g_utf8_get_char (g_utf8_find_prev_char (text, text + len)) : 0;
}

typedef enum { BREAK_LINE, BREAK_PARAGRAPH, WRAPPED } Meeting;

static Meeting
how_lines_meet (Line   *a,
                Line   *b,
                double  right)
{
  double height = MAX (a->height, b->height);
  gboolean same_column = a->page == b->page && a->region == b->region && b->y1 > a->y1;
  gunichar last = last_char (a->text);

  /* a change of type size: a heading and what follows it */
  if (fabs (a->height - b->height) > 0.12 * height)
    return BREAK_PARAGRAPH;
  /* a blank line's worth of gap */
  if (same_column && b->y1 - a->y2 > 0.7 * height)
    return BREAK_PARAGRAPH;
  if (kith_reflow_classify (b->text, strlen (b->text)) == KITH_LINE_LIST)
    return BREAK_LINE;
  /* the next word (and a space) would not have fitted: the line was wrapped */
  if (right < G_MAXDOUBLE && a->x2 + 0.5 * a->char_width + b->first_word > right)
    return WRAPPED;
  if (last == '-' && g_unichar_islower (g_utf8_get_char (b->text)))
    return WRAPPED;
  return kith_reflow_ends_sentence (last) ? BREAK_PARAGRAPH : BREAK_LINE;
}

/* Lines to text. @lines in reading order, all pages. */
static gboolean
join_lines (GPtrArray *lines,
            gboolean   reflow,
            GString   *out)
{
  g_autoptr(GHashTable) rights = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  KithReflowPlan plan;
  Line *prev = NULL;
  gboolean joined = FALSE;

  kith_reflow_plan_init (&plan);
  /* words written whole with a hyphen somewhere keep it when broken */
  {
    g_autoptr(GString) all = g_string_new (NULL);
    for (guint i = 0; i < lines->len; i++)
      {
        g_string_append (all, ((Line *) lines->pdata[i])->text);
        g_string_append_c (all, '\n');
      }
    kith_reflow_plan_analyse (&plan, all->str, all->len);
  }

  for (guint i = 0; i < lines->len; i++)
    {
      Line *l = lines->pdata[i];
      double *right;
      Meeting meeting;

      if (l->dropped)
        continue;
      if (prev == NULL)
        {
          g_string_append (out, l->text);
          prev = l;
          continue;
        }
      right = g_hash_table_lookup (rights, GUINT_TO_POINTER (prev->region + 1));
      if (right == NULL)
        {
          right = g_new (double, 1);
          *right = column_right (lines, prev->region);
          g_hash_table_insert (rights, GUINT_TO_POINTER (prev->region + 1), right);
        }
      meeting = how_lines_meet (prev, l, *right);
      if (meeting == WRAPPED && reflow)
        {
          KithJoin join = kith_reflow_join_wrapped (&plan, prev->text, strlen (prev->text),
                                                    l->text, strlen (l->text));
          if (join == KITH_JOIN_DEHYPHENATE)
            g_string_truncate (out, (gsize) (g_utf8_find_prev_char (out->str, out->str + out->len) - out->str));
          else if (join == KITH_JOIN_SPACE)
            g_string_append_c (out, ' ');
          joined = TRUE;
        }
      else
        g_string_append (out, meeting == BREAK_PARAGRAPH ? "\n\n" : "\n");
      g_string_append (out, l->text);
      prev = l;
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
                     "the PDF is password-protected; save a copy without a password and import that");
      else if (local == NULL || g_error_matches (local, POPPLER_ERROR, POPPLER_ERROR_DAMAGED))
        g_set_error (error, KITH_ERROR, KITH_ERROR_CORRUPT, "the PDF is damaged and cannot be read");
      else
        g_set_error (error, KITH_ERROR, KITH_ERROR_CORRUPT, "the PDF is damaged and cannot be read (%s)", local->message);
      return FALSE;
    }
  if (poppler_document_get_n_pages (doc) <= 0)
    {
      g_object_unref (doc);
      g_set_error (error, KITH_ERROR, KITH_ERROR_CORRUPT, "the PDF is damaged: it has no pages");
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
                       "the PDF is damaged: the text of page %u cannot be read", p + 1);
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
                   "the PDF contains no text: it may be scanned pages, and Kith cannot read text in images");
      return FALSE;
    }
  ctx->reflowed = join_lines (ordered, ctx->options->reflow != KITH_REFLOW_NEVER, text);
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
