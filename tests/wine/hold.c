/*
 * Holds a file or folder open the way a Windows program does, for scripts/windows-check:
 * a web server with a page open, or an Explorer window showing the folder.
 *
 *     hold.exe PATH     prints "holding PATH", then keeps the handle until stdin closes.
 *
 * The handle shares reading only: no one may write, delete or rename what it holds while
 * it is open, which is what makes Windows refuse to rename a folder that holds it.
 */
#include <stdio.h>
#include <windows.h>

int wmain(int argc, wchar_t **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: hold.exe PATH\n");
        return 2;
    }
    /* FILE_FLAG_BACKUP_SEMANTICS lets the same call open a folder. */
    HANDLE held = CreateFileW(argv[1], GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING,
                              FILE_FLAG_BACKUP_SEMANTICS, NULL);
    if (held == INVALID_HANDLE_VALUE) {
        fprintf(stderr, "cannot open %ls: error %lu\n", argv[1], GetLastError());
        return 1;
    }
    printf("holding %ls\n", argv[1]);
    fflush(stdout);
    char line[64];
    while (fgets(line, sizeof line, stdin) != NULL) {
    }
    CloseHandle(held);
    return 0;
}
