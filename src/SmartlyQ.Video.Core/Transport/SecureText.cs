using System;
using System.Runtime.InteropServices;
using System.Security;

namespace SmartlyQ.Video.Core.Transport
{
    /// <summary>Reads a <see cref="SecureString"/> back as text, for the one moment a header or a format check needs it.</summary>
    internal static class SecureText
    {
        /// <summary>The characters of <paramref name="secure"/>, NULs included.</summary>
        public static string Reveal(SecureString secure)
        {
            IntPtr ptr = IntPtr.Zero;
            try
            {
                ptr = Marshal.SecureStringToGlobalAllocUnicode(secure);
                // With the length: without it the text would end at the first NUL, and a key with a NUL would be sent cut short instead of refused.
                return Marshal.PtrToStringUni(ptr, secure.Length);
            }
            finally
            {
                if (ptr != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(ptr);
            }
        }
    }
}
