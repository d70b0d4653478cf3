namespace SmartlyQ.Video.Core.Json
{
    /// <summary>The <c>{}</c> body of a POST that takes no parameters (<c>POST /jobs/{id}/cancel</c>).</summary>
    internal sealed class EmptyObjectDto
    {
    }
}
