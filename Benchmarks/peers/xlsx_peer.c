/* Peer for `export-xlsx`: libxlsxwriter in constant_memory mode.
 *
 *   xlsx_peer TYPES SHEET IN.csv OUT.xlsx
 *
 * Reads a CSV whose fields are never quoted (a plain split on ','), writes the
 * header row as text and every other cell typed: TYPES gives one word per
 * column, `text`, `int` and `decN` (numbers), `date` (YYYY-MM-DD, written as
 * a date with the format yyyy-mm-dd). The workbook's creation date is fixed at
 * 2026-01-01 like `export-xlsx --created 2026-01-01`.
 * Build: cc -O2 -o xlsx_peer xlsx_peer.c -lxlsxwriter
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

enum kind { TEXT, NUMBER, DATE };
#define MAX_COLS 256

static void die(const char *what, const char *detail) {
    fprintf(stderr, "xlsx_peer: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    exit(1);
}

static void check(lxw_error err, const char *what) {
    if (err != LXW_NO_ERROR) die(what, lxw_strerror(err));
}

/* Splits line in place on ','; returns the number of fields. */
static int split(char *line, char **fields) {
    int n = 0;
    fields[n++] = line;
    for (char *p = line; *p; p++) {
        if (*p == ',') {
            *p = '\0';
            if (n == MAX_COLS) die("too many columns", NULL);
            fields[n++] = p + 1;
        }
    }
    return n;
}

static int digits(const char *s, int n, int *out) {
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return 0;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 1;
}

/* YYYY-MM-DD exactly. */
static int parse_iso_date(const char *s, lxw_datetime *dt) {
    return strlen(s) == 10 && s[4] == '-' && s[7] == '-' && digits(s, 4, &dt->year) &&
           digits(s + 5, 2, &dt->month) && digits(s + 8, 2, &dt->day) &&
           dt->month >= 1 && dt->month <= 12 && dt->day >= 1 && dt->day <= 31;
}

int main(int argc, char **argv) {
    if (argc != 5) die("usage: xlsx_peer TYPES SHEET IN.csv OUT.xlsx", NULL);
    enum kind kinds[MAX_COLS];
    int ncols = 0;
    char *types = strdup(argv[1]);
    if (!types) die("out of memory", NULL);
    for (char *t = strtok(types, ","); t; t = strtok(NULL, ",")) {
        if (ncols == MAX_COLS) die("too many types", NULL);
        if (strcmp(t, "text") == 0) kinds[ncols++] = TEXT;
        else if (strcmp(t, "int") == 0 || strncmp(t, "dec", 3) == 0) kinds[ncols++] = NUMBER;
        else if (strcmp(t, "date") == 0) kinds[ncols++] = DATE;
        else die("unknown type", t);
    }

    FILE *in = fopen(argv[3], "r");
    if (!in) die(argv[3], strerror(errno));

    lxw_workbook_options options = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
    lxw_workbook *wb = workbook_new_opt(argv[4], &options);
    if (!wb) die("cannot create workbook", argv[4]);
    struct tm created = {.tm_year = 2026 - 1900, .tm_mon = 0, .tm_mday = 1};
    lxw_doc_properties props = {.created = timegm(&created)};
    check(workbook_set_properties(wb, &props), "workbook_set_properties");
    lxw_worksheet *ws = workbook_add_worksheet(wb, argv[2]);
    if (!ws) die("cannot add worksheet", argv[2]);
    lxw_format *date_format = workbook_add_format(wb);
    format_set_num_format(date_format, "yyyy-mm-dd");

    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    char *fields[MAX_COLS];
    lxw_row_t row = 0;
    while ((len = getline(&line, &cap, in)) != -1) {
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = '\0';
        if (len == 0) continue;
        int n = split(line, fields);
        if (n != ncols) {
            fprintf(stderr, "xlsx_peer: %s:%lu: expected %d fields, found %d\n",
                    argv[3], (unsigned long)row + 1, ncols, n);
            return 1;
        }
        for (int c = 0; c < n; c++) {
            lxw_error err;
            if (row == 0 || kinds[c] == TEXT || fields[c][0] == '\0') {
                err = fields[c][0] ? worksheet_write_string(ws, row, c, fields[c], NULL)
                                   : LXW_NO_ERROR;
            } else if (kinds[c] == NUMBER) {
                char *end;
                double v = strtod(fields[c], &end);
                if (*end) die("not a number", fields[c]);
                err = worksheet_write_number(ws, row, c, v, NULL);
            } else {
                lxw_datetime dt = {0};
                if (!parse_iso_date(fields[c], &dt)) die("not a date", fields[c]);
                err = worksheet_write_datetime(ws, row, c, &dt, date_format);
            }
            check(err, "write");
        }
        row++;
    }
    if (ferror(in)) die(argv[3], strerror(errno));
    fclose(in);
    free(line);
    free(types);
    check(workbook_close(wb), "workbook_close");
    return 0;
}
