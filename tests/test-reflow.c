/* test-reflow.c — hard wraps undone block by block, words rejoined by the
 * dictionary, page furniture removed, as in text copied out of a PDF */
#include <criterion/criterion.h>
#include <string.h>

#include "kith-dictionary.h"
#include "kith-furniture.h"
#include "kith-test-util.h"
#include "kith-text-builder.h"

static char *
canon (const char *text, KithReflowMode mode)
{
  g_autoptr(GError) error = NULL;
  char *out = kith_canonicalize_text (text, -1, mode, NULL, &error);

  cr_assert_not_null (out, "%s", error ? error->message : "");
  return out;
}

static guint
joined_lines (const char *text, KithReflowMode mode)
{
  g_autoptr(KithTextBuilder) b = kith_text_builder_new (mode, KITH_SPEAKERS_REPEATED);
  g_autoptr(GError) error = NULL;

  cr_assert (kith_text_builder_append (b, text, strlen (text), &error), "%s", error ? error->message : "");
  cr_assert (kith_text_builder_finish (b, &error), "%s", error ? error->message : "");
  return kith_text_builder_get_n_joined (b);
}

/* A report as it comes out of a PDF: a table, headings, short lines and a
 * list beside the wrapped paragraphs; the whole file is not “wrapped”, but
 * each paragraph is. */
Test (reflow, each_block_is_judged_on_its_own)
{
  const char *in =
    "Annual report 2024\n"
    "\n"
    "Our ambition\n"
    "\n"
    "Over the year the Bilston hub welcomed residents from every part of the\n"
    "ward, and volunteers kept the pantry open on four days a week through\n"
    "the winter.\n"
    "\n"
    "Ward\tVisits\tVolunteers\n"
    "Bilston East\t1204\t31\n"
    "Bilston North\t877\t19\n"
    "\n"
    "Key figures\n"
    "Visits: 2081\n"
    "Volunteers: 50\n"
    "\n"
    "Tipton Library\n"
    "Owen Street\n"
    "Tipton\n"
    "\n"
    "Residents told us that the hub is where they\n"
    "meet neighbours they would never otherwise\n"
    "speak to, in a narrow column of the report.\n";
  const char *expected =
    "Annual report 2024\n"
    "\n"
    "Our ambition\n"
    "\n"
    "Over the year the Bilston hub welcomed residents from every part of the "
    "ward, and volunteers kept the pantry open on four days a week through "
    "the winter.\n"
    "\n"
    "Ward\tVisits\tVolunteers\n"
    "Bilston East\t1204\t31\n"
    "Bilston North\t877\t19\n"
    "\n"
    "Key figures\n"
    "Visits: 2081\n"
    "Volunteers: 50\n"
    "\n"
    "Tipton Library\n"
    "Owen Street\n"
    "Tipton\n"
    "\n"
    "Residents told us that the hub is where they "
    "meet neighbours they would never otherwise "
    "speak to, in a narrow column of the report.\n";
  g_autofree char *out = canon (in, KITH_REFLOW_AUTO);

  cr_assert_str_eq (out, expected);
  cr_assert_eq (joined_lines (in, KITH_REFLOW_AUTO), 4);
}

/* A paragraph cut by a page break or a pull quote's blank lines goes on
 * when the line stops mid-sentence and the next starts in lower case. */
Test (reflow, paragraphs_go_on_across_gaps_and_page_breaks)
{
  const char *in =
    "Government must lay solid\n"
    "foundations for real recovery\n"
    "\n"
    "through providing sustainable and\n"
    "fair funding for local government.\n"
    "\n"
    "The youth club in Blakenall reopened in\n"
    "the spring, and now runs three evenings a\f"
    "week for young people from across\n"
    "Walsall.\n"
    "\n"
    "A new paragraph starts here.\n";
  const char *expected =
    "Government must lay solid foundations for real recovery through providing sustainable and "
    "fair funding for local government.\n"
    "\n"
    "The youth club in Blakenall reopened in the spring, and now runs three evenings a "
    "week for young people from across Walsall.\n"
    "\n"
    "A new paragraph starts here.\n";
  g_autofree char *out = canon (in, KITH_REFLOW_AUTO);

  cr_assert_str_eq (out, expected);
}

/* The dictionary decides a line-end hyphen the text does not settle. */
Test (reflow, line_end_hyphens_by_the_dictionary)
{
  const char *in =
    "The programme is built on place-\n"
    "based working and on co-\n"
    "design with residents, joined-\n"
    "up services and knowledge-\n"
    "transfer between partners across the commu-\n"
    "nity of Wolver-\n"
    "hampton, with re-\n"
    "integration support and partici-\n"
    "pants from every ward in the region.\n";
  const char *expected =
    "The programme is built on place-based working and on co-design with residents, "
    "joined-up services and knowledge-transfer between partners across the community "
    "of Wolverhampton, with re-integration support and participants from every ward "
    "in the region.\n";
  g_autofree char *out = NULL;

  cr_assert (kith_dictionary_available (), "hunspell-en-gb is installed by .ci/setup");
  cr_assert (kith_dictionary_has_word ("community", -1));
  cr_assert_not (kith_dictionary_has_word ("placebased", -1));
  out = canon (in, KITH_REFLOW_AUTO);
  cr_assert_str_eq (out, expected);
}

/* The document's own spelling wins over the dictionary's. */
Test (reflow, the_documents_own_spelling_first)
{
  const char *in =
    "Residents spoke about their wellbeing, and about how the hub in Tipton\n"
    "had helped them with their well-\n"
    "being and their sense of belonging through a long and lonely winter.\n"
    "Several said the socio-economic picture had changed, and that socio-\n"
    "economic gaps between the wards were wider now than before the pandemic.\n";
  g_autofree char *out = canon (in, KITH_REFLOW_AUTO);

  cr_assert (strstr (out, "with their wellbeing and") != NULL, "%s", out);
  cr_assert (strstr (out, "that socio-economic gaps") != NULL, "%s", out);
}

Test (reflow, page_numbers_and_icon_names_removed)
{
  const char *in =
    "Community hubs\n"
    "\n"
    "hands-heart\n"
    "\n"
    "The hubs in Smethwick and Oldbury opened their doors to anyone who\n"
    "needed a warm space, a meal or someone to talk to during the winter.\n"
    "\n"
    "12\n"
    "\n"
    "user-hard-hat store-alt\n"
    "\n"
    "Jobs and training\n"
    "\n"
    "hands-heart Solihull on the Move\n"
    "\n"
    "The Wolves at Work scheme placed young people in local firms, and the\n"
    "council matched every placement with a mentor from the same trade.\n"
    "\n"
    "13\n"
    "\n"
    "Wolves at Work Schemeuser-hard-hat\n"
    "\n"
    "14\n";
  const char *expected =
    "Community hubs\n"
    "\n"
    "The hubs in Smethwick and Oldbury opened their doors to anyone who "
    "needed a warm space, a meal or someone to talk to during the winter.\n"
    "\n"
    "Jobs and training\n"
    "\n"
    "Solihull on the Move\n"
    "\n"
    "The Wolves at Work scheme placed young people in local firms, and the "
    "council matched every placement with a mentor from the same trade.\n"
    "\n"
    "Wolves at Work Scheme\n"
    "\n";
  g_autofree char *out = canon (in, KITH_REFLOW_AUTO);
  g_autofree char *kept = canon (in, KITH_REFLOW_NEVER);

  cr_assert_str_eq (out, expected);
  cr_assert_str_eq (kept, in, "--no-reflow keeps the furniture");
}

/* Headings that come back are kept; hyphenated words written inside
 * sentences are never icons; one bare number is no page number. */
Test (reflow, repeated_headings_and_real_words_stay)
{
  const char *in =
    "Our ambition\n"
    "\n"
    "A long-term plan for the town centre, written with residents.\n"
    "\n"
    "Our ambition\n"
    "\n"
    "long-term\n"
    "\n"
    "Our ambition\n"
    "\n"
    "A long-term plan for the parks, written with the friends groups.\n"
    "\n"
    "2024\n";
  g_autofree char *out = canon (in, KITH_REFLOW_AUTO);

  cr_assert_str_eq (out, in);
}

/* With form feeds between pages, lines that open or close most pages are
 * running headers and footers, numbered or not. */
Test (reflow, running_headers_between_form_feeds)
{
  static const char *const wards[] = { "Tividale", "Wednesbury", "Rowley Regis", "Great Barr" };
  static const char *const when[] = { "monthly", "in the library", "at the mosque", "twice" };
  g_autoptr(GString) in = g_string_new (NULL);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *out = NULL;

  for (int page = 1; page <= 4; page++)
    {
      g_string_append (in, "Sandwell Community Fund: Annual Report\n\n");
      g_string_append_printf (in, "Page %d of 4 · Sandwell Council of Voluntary Organisations\n\n", page);
      g_string_append_printf (in, "Our work in %s reached many residents\n"
                                  "who had not used the fund before, and the\n"
                                  "panel met %s.\n\n", wards[page - 1], when[page - 1]);
      g_string_append (in, "sandwellcvo.org.uk\n");
      if (page < 4)
        g_string_append_c (in, '\f');
      g_string_append_printf (expected, "Our work in %s reached many residents "
                                        "who had not used the fund before, and the "
                                        "panel met %s.\n\n", wards[page - 1], when[page - 1]);
    }
  out = canon (in->str, KITH_REFLOW_AUTO);
  cr_assert_str_eq (out, expected->str);
}

Test (reflow, numbered_footers_without_form_feeds)
{
  g_autoptr(GString) in = g_string_new (NULL);
  g_autofree char *out = NULL;

  for (int page = 3; page <= 6; page++)
    g_string_append_printf (in, "Residents in Coventry told the panel about ward %d.\n\n"
                                "%d | Coventry Community Panel Report\n\n", page, page);
  out = canon (in->str, KITH_REFLOW_AUTO);
  cr_assert (strstr (out, "Panel Report") == NULL, "%s", out);
  cr_assert (strstr (out, "about ward 6.") != NULL);
}

Test (reflow, letter_spaced_capitals_closed_up)
{
  const char *in =
    "The W M C A and the N H S worked with B A M E groups in Dudley.\n"
    "The W M C A area has a higher rate than the rest of England.\n"
    "Plan A and plan B were both costed by the W M C A team.\n";
  const char *expected =
    "The WMCA and the NHS worked with BAME groups in Dudley.\n"
    "The WMCA area has a higher rate than the rest of England.\n"
    "Plan A and plan B were both costed by the WMCA team.\n";
  g_autofree char *out = canon (in, KITH_REFLOW_AUTO);
  g_autofree char *once = canon ("Only the W M C A once: J R R Tolkien.\n", KITH_REFLOW_AUTO);

  cr_assert_str_eq (out, expected);
  cr_assert_str_eq (once, "Only the W M C A once: J R R Tolkien.\n", "one run is not a pattern");
}

/* A line is looked at by the regex only when it has a spaced run: one of
 * two letters alone on its line, runs set apart by two spaces or glued to
 * a word (whose tail still closes up), and lines with none, all come out as
 * the regex decides. */
Test (reflow, letter_spaced_capitals_line_by_line)
{
  const char *in =
    "The W M C A and the N H S met in Walsall.\n"
    "The U K figures came later.\n"
    "Not spaced: W  M  C, xA B C, A B Cd, WMCA.\n"
    "Plain words from Tipton.\n"
    "The B A M E forum met in Sandwell.\n";
  const char *expected =
    "The WMCA and the NHS met in Walsall.\n"
    "The UK figures came later.\n"
    "Not spaced: W  M  C, xA BC, A B Cd, WMCA.\n"
    "Plain words from Tipton.\n"
    "The BAME forum met in Sandwell.\n";
  g_autofree char *out = canon (in, KITH_REFLOW_AUTO);
  g_autofree char *glued = canon ("xA B C and A B Cd and W  M  C, twice: xA B C, A B Cd.\n", KITH_REFLOW_AUTO);

  cr_assert_str_eq (out, expected);
  cr_assert_str_eq (glued, "xA B C and A B Cd and W  M  C, twice: xA B C, A B Cd.\n", "no run stands alone");
}

/* --reflow joins even what does not look wrapped; --no-reflow nothing. */
Test (reflow, forced_on_and_off)
{
  const char *poem = "Roses in the park\nBenches by the canal\n";
  g_autofree char *on = canon (poem, KITH_REFLOW_ALWAYS);
  g_autofree char *auto_ = canon (poem, KITH_REFLOW_AUTO);

  cr_assert_str_eq (on, "Roses in the park Benches by the canal\n");
  cr_assert_str_eq (auto_, poem);
  cr_assert_eq (joined_lines (poem, KITH_REFLOW_ALWAYS), 1);
  cr_assert_eq (joined_lines (poem, KITH_REFLOW_NEVER), 0);
}

/* A closing quote after a word does not end a sentence; a dash that goes
 * on with one is no bullet; a label starts an entry of its own. */
Test (reflow, quotes_dashes_and_labels)
{
  const char *in =
    "Unlocking a “double devolution” and “whole system”\n"
    "approach to level up the nation, the highest risk settings\n"
    "– schools, nurseries, universities and care – were found quickly.\n"
    "\n"
    "**Facilitators:** Priya Sandhu and Marek Kowalczyk (peer researchers)\n"
    "**Present:** 18 residents, aged 17 to 81\n";
  const char *expected =
    "Unlocking a “double devolution” and “whole system” "
    "approach to level up the nation, the highest risk settings "
    "– schools, nurseries, universities and care – were found quickly.\n"
    "\n"
    "**Facilitators:** Priya Sandhu and Marek Kowalczyk (peer researchers)\n"
    "**Present:** 18 residents, aged 17 to 81\n";
  g_autofree char *out = canon (in, KITH_REFLOW_AUTO);

  cr_assert_str_eq (out, expected);
}

/* Offsets stay exact over the stored text: what reflow joins is gone. */
Test (reflow, offsets_count_the_stored_text)
{
  const char *in = "Café owners in Digbeth said the commu-\nnity had “come back”.\n\n7\n\n8\n";
  g_autofree char *out = canon (in, KITH_REFLOW_AUTO);
  const char *at = strstr (out, "community");

  cr_assert_str_eq (out, "Café owners in Digbeth said the community had “come back”.\n\n");
  cr_assert_eq (g_utf8_pointer_to_offset (out, at), 32);
}

Test (furniture, learns_only_what_the_document_shows)
{
  g_autoptr(KithFurniture) none = kith_furniture_new ();
  g_autoptr(KithFurniture) icons = kith_furniture_new ();
  const char *text = "hands-heart\n\nwell-being\n\nWe work hands-heart with the well-being board.\n\nhands-heart\n";
  gsize start, end;

  kith_furniture_learn (none, "Just a line.\n12\n", 16);
  cr_assert_eq (kith_furniture_get_n_patterns (none), 0);
  cr_assert_not (kith_furniture_strip (none, "12", 2, &start, &end));

  /* “hands-heart” is written inside a sentence once: a word, not an icon */
  kith_furniture_learn (icons, text, strlen (text));
  cr_assert_eq (kith_furniture_get_n_patterns (icons), 0);
}

/* What pdftotext makes of a report: a form feed between pages, a long
 * running header on each, “Page N of M”, no blank line between paragraphs,
 * a narrow column, a line or two run together (a full line ending a
 * sentence goes on into the next: the same paragraph, as far as anyone can
 * tell), only two pages. */
Test (reflow, pdftotext_output)
{
  const char *in =
    "Brierley Hill Residents' Network · Annual Report to the Black Country Community Trust, 2025\n"
    "\n"
    "1. Summary\n"
    "This year the network worked with 312 residents across Brierley Hill,\n"
    "Quarry Bank, Pensnett and Netherton. Most came to the Tuesday lunch club,\n"
    "and more came through neighbours than through referrals from the GP. The\n"
    "lunch club at the Civic Hall remained at the centre of everything we did:\n"
    "residents called it “the one place I am missed”, and several told us it was\n"
    "where they had made their first friend since moving to the town from Walsall or from further away.\n"
    "Of those who answered the follow-up survey, 58% said they felt part of\n"
    "their neighbourhood.\n"
    "\n"
    "Page 1 of 2\n"
    "\n"
    "\f"
    "Brierley Hill Residents' Network · Annual Report to the Black Country Community Trust, 2025\n"
    "\n"
    "2. What residents told us\n"
    "Residents wanted to be\n"
    "asked before things were\n"
    "decided, and told what\n"
    "happened afterwards. The\n"
    "bus to Merry Hill is the\n"
    "barrier named most often by\n"
    "older residents after\n"
    "\n"
    "Page 2 of 2\n"
    "\n"
    "\f";
  const char *expected =
    "1. Summary\n"
    "This year the network worked with 312 residents across Brierley Hill, "
    "Quarry Bank, Pensnett and Netherton. Most came to the Tuesday lunch club, "
    "and more came through neighbours than through referrals from the GP. The "
    "lunch club at the Civic Hall remained at the centre of everything we did: "
    "residents called it “the one place I am missed”, and several told us it was "
    "where they had made their first friend since moving to the town from Walsall or from further away. "
    "Of those who answered the follow-up survey, 58% said they felt part of "
    "their neighbourhood.\n"
    "\n"
    "2. What residents told us\n"
    "Residents wanted to be asked before things were decided, and told what "
    "happened afterwards. The bus to Merry Hill is the barrier named most often by "
    "older residents after\n"
    "\n";
  g_autofree char *out = canon (in, KITH_REFLOW_AUTO);

  cr_assert_str_eq (out, expected);
}
