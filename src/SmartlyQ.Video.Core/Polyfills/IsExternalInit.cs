namespace System.Runtime.CompilerServices
{
    /// <summary>Lets netstandard2.0 code use <c>init</c> accessors.</summary>
    internal static class IsExternalInit
    {
    }
}
