using System.Security;

namespace SmartlyQ.Video.Tests.Fakes
{
    internal static class TestSecrets
    {
        /// <summary>A read-only SecureString holding <paramref name="text"/>, as -ApiKey receives it.</summary>
        public static SecureString Secure(string text)
        {
            var secure = new SecureString();
            foreach (char c in text) secure.AppendChar(c);
            secure.MakeReadOnly();
            return secure;
        }
    }
}
