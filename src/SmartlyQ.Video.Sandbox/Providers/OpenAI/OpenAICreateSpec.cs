namespace SmartlyQ.Video.Sandbox.Providers.OpenAI
{
    /// <summary>A valid create request, defaults applied.</summary>
    internal sealed record OpenAICreateSpec(string Model, string Prompt, string Seconds, string Size, bool HasReference);
}
