namespace SmartlyQ.Video.HelpBuilder.Model
{
    /// <summary>One link of RELATED LINKS.</summary>
    internal sealed class RelatedLink
    {
        /// <summary>The link text.</summary>
        public string Text { get; set; } = "";

        /// <summary>An absolute address, or empty for a help topic (<c>about_*</c>) that Get-Help finds by name.</summary>
        public string Uri { get; set; } = "";
    }
}
