namespace SmartlyQ.Video.HelpBuilder
{
    /// <summary>A fault in a help page: the build stops, and the message says where to fix it.</summary>
    internal sealed class HelpError
    {
        /// <summary>Creates an error for <paramref name="file"/>, at <paramref name="section"/> (for example <c>PARAMETERS &gt; -Name</c>).</summary>
        public HelpError(string file, string section, string message, int? line = null)
        {
            File = file;
            Section = section;
            Message = message;
            Line = line;
        }

        /// <summary>The page, as given to the builder.</summary>
        public string File { get; }

        /// <summary>The section of the page: <c>SYNOPSIS</c>, <c>PARAMETERS &gt; -Name</c>, <c>front matter</c>…</summary>
        public string Section { get; }

        /// <summary>What is wrong.</summary>
        public string Message { get; }

        /// <summary>The 1-based line of the page, when known.</summary>
        public int? Line { get; }

        /// <summary>MSBuild's "file(line): error: text" shape, so editors and CI logs link to the line.</summary>
        public override string ToString() =>
            (Line.HasValue ? $"{File}({Line.Value})" : File) + $": error: {Section}: {Message}";
    }
}
