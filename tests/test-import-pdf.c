/* test-import-pdf.c — a real report as a PDF: the test lays out a five-page
 * evaluation report with cairo the way report designers do (running header
 * and footer, page numbers, one- and two-column pages, headings, bullets, a
 * table, a pull quote, icon glyphs, words hyphenated at line ends and
 * paragraphs running across column and page breaks), imports it, and checks
 * every paragraph comes back whole and no furniture comes back at all. */
#include "kith-config.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <criterion/criterion.h>
#include <string.h>

#include "kith-documents.h"
#include "kith-import.h"
#include "kith-search.h"
#include "kith-test-util.h"

/* ---- the report ------------------------------------------------------------ */

typedef enum
{
  TITLE,
  SUBTITLE,
  HEADING,
  TEXT,
  BULLET,
  QUOTE,
  HEAD_ROW,   /* cells separated by tabs */
  ROW,
  ICON_ITEM,  /* an icon glyph, then the text */
  NEW_PAGE,
} Kind;

typedef struct
{
  Kind        kind;
  const char *text;   /* “|”: where the word may break with a hyphen added;
                       * “-|”: where it may break at its own hyphen */
  const char *icon;   /* ICON_ITEM: what copy-paste spells for the glyph */
  gboolean    icon_after; /* the icon sits right after the text, touching it */
} Block;

#define TITLE_TEXT "Joining Up Neighbourhoods"
#define ORGANISATION "Black Country Community Connectors CIC"

static const Block report[] = {
  { TITLE, TITLE_TEXT },
  { SUBTITLE, "Final evaluation of the Community Connectors programme in Sandwell and Dudley, 2023 to 2025" },
  { HEADING, "Summary" },
  { TEXT, "Between April 2023 and March 2025 the Community Connectors programme worked with 1,412 resi|dents in "
          "Tipton, Wednesbury, Brierley Hill and Netherton. Connectors are local people, paid for twelve hours a "
          "week, who help their neigh|bours find the groups, advice and services already around them, and start "
          "new ones where nothing exists. This report sets out what resi|dents told us about the differ|ence the "
          "pro|gramme made, and what we would do differ|ently next time." },
  { TEXT, "Three findings stand out:" },
  { BULLET, "Residents who met a connector more than three times were far more likely to say they had some|one "
            "to turn to in a crisis." },
  { BULLET, "The place-|based model worked best where the connector already lived on the estate they served." },
  { BULLET, "Co-design took longer than planned, but the groups resi|dents designed them|selves were still "
            "running a year later." },
  { HEADING, "How the programme worked" },
  { TEXT, "Each connector covered a patch of around four thousand house|holds, usually the estate or the few "
          "streets they knew best. In Tipton that meant the Lost City and the streets around Burnt Tree; in "
          "Brierley Hill the flats behind the Merry Hill centre. Connectors spent most of their time out of the "
          "office: on doorsteps, in the queue at the food club, at the school gate and in the bar of the "
          "Netherton Arts Centre on quiz nights. They kept a short note of every conver|sation, and the notes "
          "are the main source for this report alongside forty-two inter|views with resi|dents and eleven with "
          "staff of partner organi|sations. The pro|gramme was designed as a place-based offer from the start, "
          "and we asked each connector to spend the first month simply listening. What they heard shaped the "
          "rest of the work: people did not want another service, they wanted to know who else on the street "
          "felt the same, and they wanted some|where to meet that did not feel like a waiting room. Many of the "
          "groups that followed grew out of those first conver|sations on the doorstep, and several of them are "
          "now run entirely by the resi|dents who first came along as guests. Connectors met every fortnight "
          "at the Tipton office to compare notes, and those meetings became the programme's memory: who had "
          "moved away, which rooms had damp, which GP surgery would take a social pre|scri|bing referral the "
          "same week and which would not. Partners were invited to the last half hour of each meeting, and over "
          "time the housing officers and the library staff came as a matter of course. In Wednes|bury a "
          "pharmacist joined them for a whole winter, and her advice on the flu clinic timetable meant that more "
          "than two hundred older resi|dents were reminded in person rather than by letter. We think this is the clearest "
          "sign that the pro|gramme has built something that will outlast it, and it is why the commu|nity "
          "itself, rather than any one organi|sation, is the right owner of what comes next." },
  { HEADING, "What residents told us" },
  { TEXT, "The most common thing resi|dents said was that they had lived on the same street for years without "
          "knowing who their neigh|bours were. Joan, who has lived in Great Bridge since 1971, told us that "
          "the connector was the first person in a long time to knock on her door for a chat rather than to "
          "sell her some|thing. Within two months she was helping to run a knit and natter group at the library "
          "on Sheepwash Lane, and by the end of the first year the group had twenty regulars and a waiting "
          "list. Several members now meet outside the group as well, for shopping trips to West Bromwich and "
          "for Sunday dinners at each other's houses." },
  { QUOTE, "“I used to dread the weekends. Now I have somewhere to be on a Saturday and people who notice if "
           "I'm not there.”" },
  { TEXT, "Younger resi|dents spoke more about confi|dence and work. A group of young mothers in Wednesbury "
          "used the connector's help to set up a weekly play session at the commu|nity centre on Woden Road, "
          "and three of them have since taken paid jobs with the nursery that now shares the building. They "
          "described the pro|gramme as joined-|up in a way that other services were not: the connector knew the "
          "health visitor, the housing officer and the job centre coach by name, and could get an answer in a "
          "day rather than a month." },
  { TEXT, "Not every story was a success, and resi|dents were honest with us about what did not work. In "
          "Netherton the first connector left after six months, and the groups she had started did not survive "
          "the gap before her succes|sor arrived. Resi|dents there told us they had been let down before and "
          "had half expected it to happen again. When the new connector, Harjit, began in the spring of 2024 "
          "he spent his first weeks rebuilding trust, calling on the people who had come to the old groups and "
          "asking them what they wanted to keep. Two of the groups restarted, one of them in a different room "
          "at a different time because the old one had been too cold in winter, and a third, a walking group "
          "along the Dudley No. 2 Canal, was new. By the autumn the walking group met twice a week and had "
          "begun to attract people from Windmill End and Old Hill who had never been part of the pro|gramme "
          "before. We learned from Netherton that a connector is not a service that can be paused and restarted "
          "without cost: the trust is with the person as much as with the organi|sation, and a handover needs "
          "to be planned for months, not weeks. Partners in Dudley have since agreed that a connector who is "
          "leaving will introduce their successor to every group in person, and that no patch will be left "
          "without a connector for more than a fortnight. We also learned that the places where groups meet "
          "matter as much as the groups themselves. A warm room with a kettle, a toilet and step-free access is "
          "harder to find than we expected, and in three of the four areas the only rooms that met all four "
          "needs belonged to churches, mosques or the gurdwara. Faith groups were generous partners through|out, "
          "and resi|dents of every faith and none told us they felt welcome in their buildings. Where the council "
          "had closed a commu|nity centre, resi|dents felt the loss keenly, and several of the groups that "
          "struggled most were those that had to move from one borrowed room to another. A settled room, known "
          "to everyone and open at the same time each week, did more for attendance than any leaflet or post on "
          "social media. Connectors told us that the first question new members asked was not what the group "
          "would do but where it met and whether they could get there without a car. For that reason we mapped "
          "every meeting place against the bus routes and found that groups within a short walk of a stop on "
          "the 74 or the 87 grew fastest, while those that relied on lifts from members shrank as soon as a "
          "driver fell ill or moved away. We have shared that map with the transport team at the combined "
          "authority, and we hope it will inform the review of local bus services later this year. Connectors also "
          "found that the time of day mattered more than the day of the week. Morning groups suited older "
          "resi|dents and parents of young children, who told us they did not like to be out after dark in the "
          "winter months; evening groups suited people in work, but only when they met somewhere well lit and "
          "close to home. In Tipton a Thursday evening cooking club at the Lost City hall drew a mix of ages "
          "that no daytime group managed, and its members now take turns to cook for the whole room. A similar "
          "club in Brierley Hill, run by Marek and two friends from the Polish Saturday school, began with "
          "recipes from home and now invites a different neigh|bour to teach a dish every month. Both clubs "
          "rely on a small grant for ingredients, and both would close without it, which is a reminder that "
          "co-|design with resi|dents still needs a modest and reliable budget behind it. The same is true "
          "of the small costs that are easy to forget: bus fares for a volunteer, a DBS check, a first aid "
          "course, and the hire of a room when the usual one is booked for a funeral or a wedding. Connectors "
          "kept a petty cash tin for these, and resi|dents told us that being paid back the same day, in cash, "
          "made the difference between helping out and staying at home." },
  { HEADING, "Reach by neighbourhood" },
  { TEXT, "The table shows how many resi|dents each connector reached, and how many groups were started and "
          "were still meeting in March 2025." },
  { HEAD_ROW, "Neighbourhood\tResidents reached\tGroups started\tStill meeting" },
  { ROW, "Tipton\t418\t9\t8" },
  { ROW, "Wednesbury\t377\t7\t6" },
  { ROW, "Brierley Hill\t341\t6\t6" },
  { ROW, "Netherton\t276\t5\t3" },
  { TEXT, "Reach was lowest in Netherton, where the post was empty for ten weeks in 2024. Every other patch met "
          "its target of three hundred resi|dents in the second year." },
  { HEADING, "Three groups residents started" },
  { ICON_ITEM, "Knit and natter, Great Bridge: twenty regulars, and a waiting list since the spring.", "hands-heart" },
  { ICON_ITEM, "Wednesbury play and learn: three mothers now work at the nursery next door.", "user-hard-hat" },
  { ICON_ITEM, "Lye market stall swap: traders and residents sharing one pitch on Saturdays.", "store-alt", TRUE },
  /* an icon font that maps its glyphs to private-use code points */
  { ICON_ITEM, "To join one, ask Precious Adeyemi, the Tipton connector, on 0121 496 0735.", "\xEF\x83\x80" },
  { NEW_PAGE },
  { HEADING, "Lessons for commissioners" },
  { TEXT, "The pro|gramme cost £214,000 over two years, about £150 for each resident reached. Most of that paid "
          "the connectors themselves, and we think it is the part of the budget least open to cuts. We would "
          "ask commissioners to keep three things in mind:" },
  { BULLET, "Fund connectors for at least three years, so that groups outlive the first funding round." },
  { BULLET, "Recruit from the patch: a connector who lives there is trusted sooner and stays longer." },
  { BULLET, "Measure what resi|dents value, not only the number of contacts made." },
  { TEXT, "The evidence from Tipton and Wednesbury suggests that a small, local and well joined-|up offer does more "
          "for loneliness than a larger service run from a distance. Residents valued being known by name, and "
          "they valued the connector's habit of coming back: most of the groups began at the third or fourth "
          "visit, not the first. A place-|based team also picked up problems early, from damp flats to unpaid "
          "carers close to breaking point, and passed them to the right partner the same week. Where partners "
          "were joined-|up, with one named contact each and a shared note of who was helping whom, the "
          "connector could act on what they heard. Where they were not, resi|dents were passed from one phone "
          "line to another, and some gave up. We recommend that the next round of funding pays for that "
          "co-|ordination explicitly, rather than leaving it to the goodwill of individual staff." },
  { TEXT, "We are grateful to every resident who gave us their time, and to Sandwell Council, Dudley Council and "
          "the National Lottery Community Fund for supporting the pro|gramme and this evaluation." },
};

/* ---- laying it out --------------------------------------------------------- */

#define PAGE_WIDTH  595.0
#define PAGE_HEIGHT 842.0
#define MARGIN      64.0
#define GUTTER      24.0
#define BODY_TOP    96.0
#define PHOTO_PAGE  2      /* a photograph above the text, no caption */
#define PHOTO_BOTTOM 520.0
#define BODY_BOTTOM 770.0
#define N_PAGES     5

/* columns on each page */
static const guint page_columns[N_PAGES] = { 1, 2, 1, 1, 2 };

typedef enum
{
  FOOTER_BARE_NUMBER,  /* organisation left, “3” right, same title on every page */
  FOOTER_PAGE_OF,      /* “… · Page 3 of 5”; the header mirrored, with the number in it */
  HEADER_SECTION,      /* the header names the section the page starts in; “Page 3” */
} Furniture;

typedef struct
{
  const char          *family;
  cairo_font_slant_t   slant;
  cairo_font_weight_t  weight;
  double               size;
  double               leading;
  double               space_before;
  double               indent;      /* of every line but a bullet's first */
  double               grey;
} Style;

static const Style styles[] = {
  [TITLE]     = { "DejaVu Sans",  CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD,   24, 30, 0,  0,  0.10 },
  [SUBTITLE]  = { "DejaVu Sans",  CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL, 13, 18, 6,  0,  0.35 },
  [HEADING]   = { "DejaVu Sans",  CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD,   14, 19, 16, 0,  0.15 },
  [TEXT]      = { "DejaVu Serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL, 10, 14.5, 9, 0, 0 },
  [BULLET]    = { "DejaVu Serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL, 10, 14.5, 3, 14, 0 },
  [QUOTE]     = { "DejaVu Serif", CAIRO_FONT_SLANT_ITALIC, CAIRO_FONT_WEIGHT_NORMAL, 13, 18, 14, 12, 0.25 },
  [HEAD_ROW]  = { "DejaVu Sans",  CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD,   9,  15, 12, 0,  0 },
  [ROW]       = { "DejaVu Sans",  CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL, 9,  15, 0,  0,  0 },
  [ICON_ITEM] = { "DejaVu Serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL, 10, 14.5, 9, 22, 0 },
};

/* where each table column starts, from the frame's left edge */
static const double cell_x[] = { 0, 150, 270, 380 };

typedef struct
{
  cairo_t   *cr;
  Furniture  furniture;
  guint      page;     /* from 0 */
  guint      column;
  double     y;        /* the top of the next line */
  gboolean   fresh;    /* nothing drawn in this frame yet */
  guint      block;    /* the block being drawn */
  const char *section; /* the last heading drawn */
  int        page_owner[N_PAGES]; /* the only block drawn on a page, -1: several */
  /* what the layout did, so the test knows the fixture is as hard as it says */
  guint      hyphen_added;        /* “commu-” / “nity” */
  guint      own_hyphen_broken;   /* “joined-” / “up” */
  guint      page_breaks;         /* inside a paragraph */
  guint      column_breaks;       /* inside a paragraph */
  guint      hyphen_at_frame_end; /* a word broken with a hyphen across a column or page break */
} Layout;

static double
frame_width (const Layout *l)
{
  return page_columns[l->page] == 1 ? PAGE_WIDTH - 2 * MARGIN : (PAGE_WIDTH - 2 * MARGIN - GUTTER) / 2;
}

static double
frame_x (const Layout *l)
{
  return MARGIN + l->column * (frame_width (l) + GUTTER);
}

static void
set_style (Layout *l, const Style *s)
{
  cairo_select_font_face (l->cr, s->family, s->slant, s->weight);
  cairo_set_font_size (l->cr, s->size);
  cairo_set_source_rgb (l->cr, s->grey, s->grey, s->grey + (s->grey > 0 ? 0.1 : 0));
}

/* The header and footer of the current page. */
static void
draw_furniture (Layout *l)
{
  guint n = l->page + 1;
  double right = PAGE_WIDTH - MARGIN;
  g_autofree char *header = NULL;
  g_autofree char *footer = NULL;

  cairo_save (l->cr);
  cairo_select_font_face (l->cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (l->cr, 8.5);
  cairo_set_source_rgb (l->cr, 0.4, 0.4, 0.45);
  if (l->furniture == FOOTER_BARE_NUMBER)
    {
      kt_show_text_at (l->cr, MARGIN, 52, TITLE_TEXT " — final evaluation");
      kt_show_text_at (l->cr, MARGIN, 808, ORGANISATION);
      footer = g_strdup_printf ("%u", n);
      kt_show_text_at (l->cr, right - kt_text_advance (l->cr, footer), 808, footer);
    }
  else if (l->furniture == HEADER_SECTION)
    {
      header = g_strconcat (TITLE_TEXT " — final evaluation", l->section != NULL ? " · " : "", l->section, NULL);
      kt_show_text_at (l->cr, MARGIN, 52, header);
      kt_show_text_at (l->cr, MARGIN, 808, ORGANISATION);
      footer = g_strdup_printf ("Page %u", n);
      kt_show_text_at (l->cr, right - kt_text_advance (l->cr, footer), 808, footer);
    }
  else
    {
      /* mirrored for a bound copy: the number on the outside edge */
      if (n % 2 == 1)
        {
          header = g_strdup_printf (TITLE_TEXT " — final evaluation | %u", n);
          kt_show_text_at (l->cr, right - kt_text_advance (l->cr, header), 52, header);
        }
      else
        {
          header = g_strdup_printf ("%u | " TITLE_TEXT " — final evaluation", n);
          kt_show_text_at (l->cr, MARGIN, 52, header);
        }
      footer = g_strdup_printf (ORGANISATION " · Page %u of %u", n, N_PAGES);
      kt_show_text_at (l->cr, (PAGE_WIDTH - kt_text_advance (l->cr, footer)) / 2, 808, footer);
    }
  cairo_set_line_width (l->cr, 0.5);
  cairo_move_to (l->cr, MARGIN, 62);
  cairo_line_to (l->cr, right, 62);
  cairo_move_to (l->cr, MARGIN, 792);
  cairo_line_to (l->cr, right, 792);
  cairo_stroke (l->cr);
  if (l->page == PHOTO_PAGE)
    {
      /* a group round a table, as far as rectangles and circles go */
      cairo_set_source_rgb (l->cr, 0.78, 0.84, 0.86);
      cairo_rectangle (l->cr, MARGIN, BODY_TOP, right - MARGIN, PHOTO_BOTTOM - BODY_TOP);
      cairo_fill (l->cr);
      cairo_set_source_rgb (l->cr, 0.45, 0.35, 0.30);
      cairo_rectangle (l->cr, MARGIN + 90, 290, right - MARGIN - 180, 40);
      cairo_fill (l->cr);
      for (guint i = 0; i < 5; i++)
        {
          cairo_set_source_rgb (l->cr, 0.2 + 0.12 * i, 0.3, 0.5 - 0.06 * i);
          cairo_arc (l->cr, MARGIN + 120 + 55 * i, 240, 18, 0, 2 * G_PI);
          cairo_fill (l->cr);
          cairo_rectangle (l->cr, MARGIN + 100 + 55 * i, 262, 40, 30);
          cairo_fill (l->cr);
        }
    }
  cairo_restore (l->cr);
}

static void
next_frame (Layout *l)
{
  if (l->column + 1 < page_columns[l->page])
    l->column++;
  else
    {
      cairo_show_page (l->cr);
      l->page++;
      cr_assert_lt (l->page, N_PAGES, "the report runs past %d pages", N_PAGES);
      l->column = 0;
      draw_furniture (l);
    }
  l->y = l->page == PHOTO_PAGE ? PHOTO_BOTTOM + 20 : BODY_TOP;
  l->fresh = TRUE;
}

/* Room for a line of @leading after @space_before; moves on to the next
 * frame when there is none. TRUE when it moved. */
static gboolean
make_room (Layout *l, double space_before, double leading)
{
  if (!l->fresh)
    l->y += space_before;
  if (l->y + leading <= BODY_BOTTOM)
    return FALSE;
  next_frame (l);
  return TRUE;
}

static void
mark_drawn (Layout *l)
{
  int *owner = &l->page_owner[l->page];

  if (*owner == -2)
    *owner = (int) l->block;
  else if (*owner != (int) l->block)
    *owner = -1;
  l->fresh = FALSE;
}

/* One line's worth of @words from *@i (or from *@carry, the tail of a word
 * broken on the line before), at most @width wide. *@added: the line ends
 * in a hyphen the break added. */
static char *
take_line (Layout *l, char **words, guint *i, char **carry, double width, gboolean *added)
{
  g_autoptr(GString) line = g_string_new (NULL);

  *added = FALSE;
  while (*carry != NULL || words[*i] != NULL)
    {
      const char *word = *carry != NULL ? *carry : words[*i];
      g_autofree char *plain = kt_without_marks (word);
      g_autofree char *longer = g_strconcat (line->str, line->len > 0 ? " " : "", plain, NULL);
      const char *mark;

      if (kt_text_advance (l->cr, longer) <= width)
        {
          g_string_assign (line, longer);
          if (*carry != NULL)
            g_clear_pointer (carry, g_free);
          else
            (*i)++;
          continue;
        }
      /* the last break point in the word whose head still fits */
      for (mark = strrchr (word, '|'); mark != NULL; mark = g_strrstr_len (word, mark - word, "|"))
        {
          g_autofree char *head = g_strndup (word, (gsize) (mark - word));
          g_autofree char *head_plain = kt_without_marks (head);
          gboolean own = mark > word && mark[-1] == '-';
          g_autofree char *attempt = g_strconcat (line->str, line->len > 0 ? " " : "", head_plain,
                                                  own ? "" : "-", NULL);
          if (kt_text_advance (l->cr, attempt) <= width)
            {
              char *tail = g_strdup (mark + 1);
              g_string_assign (line, attempt);
              if (*carry == NULL)
                (*i)++;
              g_free (*carry);
              *carry = tail;
              *added = !own;
              l->hyphen_added += !own;
              l->own_hyphen_broken += own;
              break;
            }
          if (mark == word)
            break;
        }
      break;
    }
  cr_assert (line->len > 0, "a word does not fit the column: %s", *carry != NULL ? *carry : words[*i]);
  return g_string_free (g_steal_pointer (&line), FALSE);
}

/* An icon glyph that copy-paste spells as @name, as icon fonts do: one
 * glyph standing for the whole name. */
static double
draw_icon (Layout *l, double x, double baseline, const char *name)
{
  cairo_glyph_t *glyphs = NULL;
  int n_glyphs = 0;
  cairo_text_cluster_t cluster = { (int) strlen (name), 1 };
  cairo_scaled_font_t *font;
  cairo_status_t status;
  double advance;

  cairo_save (l->cr);
  cairo_select_font_face (l->cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (l->cr, 12);
  cairo_set_source_rgb (l->cr, 0.05, 0.45, 0.45);
  font = cairo_get_scaled_font (l->cr);
  /* ★, drawn for every icon; what it stands for is in the cluster */
  status = cairo_scaled_font_text_to_glyphs (font, x, baseline, "\xE2\x98\x85", -1, &glyphs, &n_glyphs,
                                             NULL, NULL, NULL);
  cr_assert_eq (status, CAIRO_STATUS_SUCCESS);
  cr_assert_eq (n_glyphs, 1);
  advance = kt_text_advance (l->cr, "\xE2\x98\x85");
  cairo_show_text_glyphs (l->cr, name, -1, glyphs, 1, &cluster, 1, 0);
  cairo_glyph_free (glyphs);
  cairo_restore (l->cr);
  return advance;
}

static void
draw_row (Layout *l, const Block *b)
{
  const Style *s = &styles[b->kind];
  g_auto(GStrv) cells = g_strsplit (b->text, "\t", -1);
  double baseline;

  make_room (l, s->space_before, s->leading);
  set_style (l, s);
  baseline = l->y + s->size;
  for (guint c = 0; cells[c] != NULL; c++)
    {
      /* numbers right-aligned under their heading's end, as spreadsheets do */
      double x = frame_x (l) + cell_x[c];
      if (c > 0 && b->kind == ROW)
        x += 60 - kt_text_advance (l->cr, cells[c]);
      kt_show_text_at (l->cr, x, baseline, cells[c]);
    }
  if (b->kind == HEAD_ROW)
    {
      cairo_set_line_width (l->cr, 0.6);
      cairo_move_to (l->cr, frame_x (l), baseline + 4);
      cairo_line_to (l->cr, frame_x (l) + frame_width (l), baseline + 4);
      cairo_stroke (l->cr);
    }
  l->y += s->leading;
  mark_drawn (l);
}

static void
draw_block (Layout *l, const Block *b)
{
  const Style *s = &styles[b->kind];
  g_auto(GStrv) words = g_strsplit (b->text, " ", -1);
  g_autofree char *carry = NULL;
  gboolean added = FALSE;
  guint i = 0, n = 0;

  while (carry != NULL || words[i] != NULL)
    {
      guint page = l->page;
      double x, width, baseline;
      g_autofree char *line = NULL;

      if (make_room (l, n == 0 ? s->space_before : 0, s->leading) && n > 0)
        {
          if (page != l->page)
            l->page_breaks++;
          else
            l->column_breaks++;
          l->hyphen_at_frame_end += added;
        }
      x = frame_x (l) + s->indent;
      width = frame_width (l) - 2 * (b->kind == QUOTE ? s->indent : 0) - s->indent;
      set_style (l, s);
      line = take_line (l, words, &i, &carry, width, &added);
      baseline = l->y + s->size;
      if (n == 0 && b->kind == BULLET)
        kt_show_text_at (l->cr, x - s->indent + 2, baseline, "•");
      if (n == 0 && b->kind == ICON_ITEM && !b->icon_after)
        draw_icon (l, x - s->indent, baseline, b->icon);
      if (b->kind == QUOTE)
        {
          cairo_save (l->cr);
          cairo_set_source_rgb (l->cr, 0.05, 0.45, 0.45);
          cairo_rectangle (l->cr, frame_x (l), l->y, 3, s->leading);
          cairo_fill (l->cr);
          cairo_restore (l->cr);
        }
      kt_show_text_at (l->cr, x, baseline, line);
      if (carry == NULL && words[i] == NULL && b->kind == ICON_ITEM && b->icon_after)
        draw_icon (l, x + kt_text_advance (l->cr, line), baseline, b->icon);
      l->y += s->leading;
      n++;
      mark_drawn (l);
    }
}

static Layout
write_report (const char *path, Furniture furniture)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, PAGE_WIDTH, PAGE_HEIGHT);
  Layout l = { .cr = cairo_create (surface), .furniture = furniture, .y = BODY_TOP, .fresh = TRUE };

  for (guint p = 0; p < N_PAGES; p++)
    l.page_owner[p] = -2;
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, TITLE_TEXT);
  draw_furniture (&l);
  for (guint b = 0; b < G_N_ELEMENTS (report); b++)
    {
      l.block = b;
      if (report[b].kind == NEW_PAGE)
        {
          l.column = page_columns[l.page] - 1;
          next_frame (&l);
        }
      else if (report[b].kind == HEAD_ROW || report[b].kind == ROW)
        draw_row (&l, &report[b]);
      else
        draw_block (&l, &report[b]);
      if (report[b].kind == HEADING)
        l.section = report[b].text;
    }
  cr_assert_eq (l.page, N_PAGES - 1, "the report has %u pages, not %d", l.page + 1, N_PAGES);
  cairo_destroy (l.cr);
  cairo_surface_finish (surface);
  cr_assert_eq (cairo_surface_status (surface), CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return l;
}

/* The report's canonical text: paragraphs apart by a blank line, list
 * items (after their lead-in) and table rows by a line break, table cells
 * by a tab. */
static char *
expected_text (void)
{
  GString *out = g_string_new (NULL);
  Kind last = NEW_PAGE;

  for (guint b = 0; b < G_N_ELEMENTS (report); b++)
    {
      const Block *block = &report[b];
      g_autofree char *plain = NULL;
      /* a list goes on from the sentence that leads into it */
      gboolean same_list = (block->kind == BULLET && (last == BULLET || last == TEXT))
                           || (block->kind == ROW && (last == ROW || last == HEAD_ROW));

      if (block->kind == NEW_PAGE)
        continue;
      plain = kt_without_marks (block->text);
      if (out->len > 0)
        g_string_append (out, same_list ? "\n" : "\n\n");
      if (block->kind == BULLET)
        g_string_append (out, "• ");
      g_string_append (out, plain);
      last = block->kind;
    }
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

/* ---- the tests ------------------------------------------------------------- */

/* In a fresh folder, or in $KITH_TEST_KEEP_PDF to look at afterwards. */
static char *
fixture (const char *name)
{
  const char *keep = g_getenv ("KITH_TEST_KEEP_PDF");
  g_autofree char *dir = keep != NULL ? g_strdup (keep) : kt_tmpdir ();

  return g_build_filename (dir, name, NULL);
}

static void
assert_layout_is_hard (const Layout *l)
{
  cr_assert_geq (l->hyphen_added, 3, "words broken with a hyphen: %u", l->hyphen_added);
  cr_assert_geq (l->own_hyphen_broken, 1, "compounds broken at their hyphen: %u", l->own_hyphen_broken);
  cr_assert_geq (l->page_breaks, 2, "paragraphs across a page break: %u", l->page_breaks);
  cr_assert_geq (l->column_breaks, 1, "paragraphs across a column break: %u", l->column_breaks);
  cr_assert_geq (l->hyphen_at_frame_end, 1, "a word hyphenated across a break: %u", l->hyphen_at_frame_end);
  cr_assert_geq (l->page_owner[2], 0, "page 3's body is one paragraph");
}

static char *
import_report (KithProject *project, const char *path, gint64 *id)
{
  g_autoptr(KithImportResult) r = kith_import_file (project, path, NULL);
  g_autoptr(GError) error = NULL;
  char *text;

  cr_assert_eq (r->status, KITH_IMPORT_IMPORTED, "%s: %s", path, r->message);
  cr_assert_str_eq (r->format, "pdf");
  cr_assert (r->reflowed);
  text = kith_documents_dup_text (project, r->document_id, NULL, &error);
  cr_assert_not_null (text, "%s", error ? error->message : "");
  cr_assert_eq (r->n_chars, g_utf8_strlen (text, -1));
  *id = r->document_id;
  return text;
}

/* Every paragraph whole, in order, and nothing else: no header, footer,
 * page number or icon name. */
static void
assert_paragraphs_whole (const char *text)
{
  g_autofree char *expected = expected_text ();
  g_auto(GStrv) got = g_strsplit (text, "\n", -1);
  g_auto(GStrv) want = g_strsplit (expected, "\n", -1);

  for (guint i = 0; want[i] != NULL && got[i] != NULL; i++)
    cr_assert_str_eq (got[i], want[i], "line %u is “%s”, expected “%s”", i + 1, got[i], want[i]);
  cr_assert_eq (g_strv_length (got), g_strv_length (want));
  cr_assert_str_eq (text, expected);
  for (char **line = got; *line != NULL; line++)
    {
      cr_assert_null (strstr (*line, "final evaluation"), "a running header: “%s”", *line);
      cr_assert_null (strstr (*line, ORGANISATION), "a running footer: “%s”", *line);
      cr_assert_null (strstr (*line, "hands-heart"), "an icon name: “%s”", *line);
      cr_assert_null (strstr (*line, "user-hard-hat"), "an icon name: “%s”", *line);
      cr_assert_null (strstr (*line, "store-alt"), "an icon name: “%s”", *line);
      cr_assert_null (strstr (*line, "\xEF\x83\x80"), "an icon's code point: “%s”", *line);
      cr_assert (strspn (*line, "0123456789") < strlen (*line) || **line == '\0', "a page number: “%s”", *line);
    }
}

/* Where a coding of a passage lands: found by search, at the code point
 * offsets counted here by hand from the paragraphs before it. */
static void
assert_passage_at (KithProject *project, gint64 id, const char *passage, gint64 start)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = kith_search_text (project, passage, id, FALSE, &error);
  KithSearchHit *hit;

  cr_assert_not_null (hits, "%s", error ? error->message : "");
  cr_assert_eq (hits->len, 1, "“%s” found %u times", passage, hits->len);
  hit = hits->pdata[0];
  cr_assert_eq (hit->start, start, "“%s” at %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT,
                passage, hit->start, start);
  cr_assert_eq (hit->end, start + g_utf8_strlen (passage, -1));
}

/* The code point offset of @passage in the report's own paragraphs. */
static gint64
offset_in_report (const char *passage)
{
  g_autofree char *expected = expected_text ();
  const char *at = strstr (expected, passage);

  cr_assert_not_null (at, "“%s” is not in the report", passage);
  cr_assert_null (strstr (at + 1, passage), "“%s” is in the report twice", passage);
  return g_utf8_pointer_to_offset (expected, at);
}

static void
import_and_check (Furniture furniture, const char *name)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autofree char *path = fixture (name);
  g_autofree char *text = NULL;
  Layout layout = write_report (path, furniture);
  gint64 id = 0;
  /* where codings would land: across the break from page 1 to 2, at the
   * end of the paragraph that fills page 3, after a table and icons */
  const char *passages[] = {
    "the community itself, rather than any one organisation, is the right owner",
    "we hope it will inform the review of local bus services",
    "Lye market stall swap",
    "Where partners were joined-up, with one named contact each",
  };

  assert_layout_is_hard (&layout);
  if (g_getenv ("KITH_TEST_KEEP_PDF") != NULL)
    {
      g_autofree char *expected = expected_text ();
      g_autofree char *txt = g_strconcat (path, ".expected.txt", NULL);
      kt_write_file (txt, expected, -1);
    }
  text = import_report (project, path, &id);
  assert_paragraphs_whole (text);
  for (gsize i = 0; i < G_N_ELEMENTS (passages); i++)
    assert_passage_at (project, id, passages[i], offset_in_report (passages[i]));
}

Test (pdf_report, bare_page_numbers_and_a_running_title)
{
  import_and_check (FOOTER_BARE_NUMBER, "connectors-evaluation.pdf");
}

Test (pdf_report, page_n_of_m_and_a_mirrored_header_with_the_number)
{
  import_and_check (FOOTER_PAGE_OF, "connectors-evaluation-bound.pdf");
}

Test (pdf_report, a_header_naming_the_section)
{
  import_and_check (HEADER_SECTION, "connectors-evaluation-sections.pdf");
}
