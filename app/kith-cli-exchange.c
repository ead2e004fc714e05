/* kith-cli-exchange.c — REFI-QDA exchange: export qdc|qdpx, import-qdc, import-qdpx */
#include <stdio.h>

#include "kith-cli.h"

/* Export commands first, then import; each half adds its rows in its part. */
const KithCliCommand kith_cli_exchange_commands[] = {
  /* export */
  /* import */
  { NULL }
};
