/* kith-spool.c */
#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "kith-error.h"
#include "kith-spool.h"
#include "kith-i18n.h"

struct _KithSpool
{
  GString *memory;
  gsize    memory_limit;
  int      fd;            /* -1 while in memory */
  goffset  size;
  goffset  read_pos;
};

KithSpool *
kith_spool_new (gsize memory_limit)
{
  KithSpool *spool = g_new0 (KithSpool, 1);

  spool->memory = g_string_new (NULL);
  spool->memory_limit = memory_limit;
  spool->fd = -1;
  return spool;
}

void
kith_spool_free (KithSpool *spool)
{
  if (spool == NULL)
    return;
  if (spool->fd >= 0)
    close (spool->fd);
  g_string_free (spool->memory, TRUE);
  g_free (spool);
}

static gboolean
set_io_error (GError **error, int saved, const char *doing)
{
  g_set_error (error, KITH_ERROR, saved == ENOSPC ? KITH_ERROR_DISK_FULL : KITH_ERROR_IO,
               "%s: %s", doing, saved == ENOSPC ? "the disk is full" : g_strerror (saved));
  return FALSE;
}

static gboolean
write_all (int fd, const char *data, gsize len, GError **error)
{
  while (len > 0)
    {
      ssize_t n = write (fd, data, len);
      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return set_io_error (error, errno, "cannot write a temporary file");
        }
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

static gboolean
spill (KithSpool *spool, GError **error)
{
  g_autofree char *tmp_path = NULL;
  GError *local = NULL;
  int fd;

  /* The text may hold personal data: the file is 0600 and unlinked at once,
   * so nothing is left behind even if Kith is killed. */
  fd = g_file_open_tmp ("kith-import-XXXXXX", &tmp_path, &local);
  if (fd < 0)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_IO, _("cannot create a temporary file: %s"), local->message);
      g_error_free (local);
      return FALSE;
    }
  g_unlink (tmp_path);
  if (!write_all (fd, spool->memory->str, spool->memory->len, error))
    {
      close (fd);
      return FALSE;
    }
  spool->fd = fd;
  g_string_free (spool->memory, TRUE);
  spool->memory = g_string_new (NULL);
  return TRUE;
}

gboolean
kith_spool_write (KithSpool  *spool,
                  const char *data,
                  gsize       len,
                  GError    **error)
{
  if (spool->fd < 0)
    {
      g_string_append_len (spool->memory, data, len);
      if (spool->memory->len > spool->memory_limit && !spill (spool, error))
        return FALSE;
    }
  else if (!write_all (spool->fd, data, len, error))
    return FALSE;
  spool->size += len;
  return TRUE;
}

goffset
kith_spool_get_size (KithSpool *spool)
{
  return spool->size;
}

const char *
kith_spool_peek (KithSpool *spool)
{
  return spool->fd < 0 ? spool->memory->str : NULL;
}

gboolean
kith_spool_rewind (KithSpool *spool,
                   GError   **error)
{
  spool->read_pos = 0;
  if (spool->fd >= 0 && lseek (spool->fd, 0, SEEK_SET) < 0)
    return set_io_error (error, errno, "cannot read back a temporary file");
  return TRUE;
}

gssize
kith_spool_read (KithSpool *spool,
                 char      *buffer,
                 gsize      size,
                 GError   **error)
{
  if (spool->fd < 0)
    {
      gsize left = spool->memory->len - (gsize) spool->read_pos;
      gsize n = MIN (left, size);
      memcpy (buffer, spool->memory->str + spool->read_pos, n);
      spool->read_pos += n;
      return (gssize) n;
    }
  for (;;)
    {
      ssize_t n = read (spool->fd, buffer, size);
      if (n >= 0)
        return n;
      if (errno != EINTR)
        {
          set_io_error (error, errno, "cannot read back a temporary file");
          return -1;
        }
    }
}
