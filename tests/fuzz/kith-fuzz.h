/* kith-fuzz.h — what the fuzz targets share
 *
 * Each target is one file defining LLVMFuzzerTestOneInput(). Built with
 * clang's libFuzzer (tests/fuzz/build.sh) it is fuzzed; built by the main
 * build with kith-fuzz-replay.c it replays its seeds and every input in
 * tests/fuzz/regressions/ as a normal test.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "kith-project.h"

G_BEGIN_DECLS

int          LLVMFuzzerTestOneInput (const uint8_t *data,
                                     size_t         size);

/* One project for the whole run, in a temporary folder removed at exit;
 * commits are not synced, so an input costs no disk flush. */
KithProject *kf_project             (void);
/* Writes @data to a file called @name in the run's folder and returns its
 * path (owned); the file is replaced by the next input. */
char        *kf_write_input         (const uint8_t *data,
                                     size_t         size,
                                     const char    *name);
/* What the last input came to (“imported: 1 document”), for the replay's
 * TAP line; a no-op cost when fuzzing. */
void         kf_note                (const char    *format,
                                     ...) G_GNUC_PRINTF (1, 2);
const char  *kf_get_note            (void);
/* Stops the run with a message when @condition is false: a broken promise
 * (text that is not canonical, a position past the end) is a crash too. */
#define kf_check(condition, ...) \
  G_STMT_START { if (!(condition)) kf_fail (G_STRLOC, __VA_ARGS__); } G_STMT_END
G_NORETURN void kf_fail             (const char *where,
                                     const char *format,
                                     ...) G_GNUC_PRINTF (2, 3);

G_END_DECLS
