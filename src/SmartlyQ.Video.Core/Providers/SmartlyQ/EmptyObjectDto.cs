namespace SmartlyQ.Video.Core.Providers.SmartlyQ
{
    /// <summary>The <c>{}</c> body of a POST that takes no parameters (<c>POST /jobs/{id}/cancel</c>).</summary>
    internal sealed class EmptyObjectDto
    {
    }
}
