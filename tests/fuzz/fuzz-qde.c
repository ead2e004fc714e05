/* fuzz-qde.c — the REFI-QDA .qde / .qdc reader: an input is read, or
 * refused with a reason, and what is read keeps the reader's promises */
#include "kith-fuzz.h"
#include "kith-qde-read.h"

static void
check_codes (GPtrArray *codes, guint depth)
{
  kf_check (depth <= 256, "codes nested deeper than the XML can be");
  for (guint i = 0; i < codes->len; i++)
    {
      KithQdeCode *code = g_ptr_array_index (codes, i);
      check_codes (code->children, depth + 1);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KithQde) qde = kith_qde_read ((const char *) data, size, "fuzz.qde", &error);
  guint n_selections = 0;

  if (qde == NULL)
    {
      kf_check (error != NULL && error->message[0] != '\0', "a refusal without a reason");
      kf_note ("refused: %s", error->message);
      return 0;
    }
  check_codes (qde->codes, 0);
  for (guint i = 0; i < qde->sources->len; i++)
    {
      KithQdeSource *source = g_ptr_array_index (qde->sources, i);
      for (guint j = 0; j < source->selections->len; j++)
        {
          KithQdeSelection *selection = g_ptr_array_index (source->selections, j);
          kf_check (selection->start >= -1 && selection->end >= -1, "a negative position read");
          n_selections++;
        }
    }
  kf_note ("%u codes at the top, %u sources, %u selections", qde->codes->len, qde->sources->len, n_selections);
  return 0;
}
