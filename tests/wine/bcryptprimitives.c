/*
 * A stand-in for Windows' bcryptprimitives.dll, for running plansite.exe under Wine only.
 *
 * Rust's standard library fills its random seeds (HashMap keys, among others) with
 * ProcessPrng from bcryptprimitives.dll, which every Windows since 10 has. Debian's Wine 8
 * has no such DLL, so the exe would not start. This one exports ProcessPrng and fills the
 * buffer from advapi32's RtlGenRandom (exported as SystemFunction036), which Wine has.
 *
 * It is built by scripts/windows-check with mingw-w64, put beside the exe in the test folder
 * and nowhere else: it is never part of a release zip, and real Windows needs none of it.
 */
#include <windows.h>

/* RtlGenRandom's exported name; its declaration in ntsecapi.h needs more headers than this. */
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    /* RtlGenRandom takes a ULONG length: fill a larger buffer a slice at a time. */
    while (length > 0) {
        ULONG slice = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, slice))
            return FALSE;
        data += slice;
        length -= slice;
    }
    return TRUE;
}
