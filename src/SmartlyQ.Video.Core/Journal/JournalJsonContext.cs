using System.Text.Json.Serialization;

namespace SmartlyQ.Video.Core.Journal
{
    /// <summary>
    /// Source-generated metadata for journal lines (no reflection: works trimmed, no runtime code generation).
    /// snake_case names, absent fields left out, nothing indented: one entry is always exactly one line, since JSON
    /// escapes every control character (CR, LF included) inside strings. Reading is strict about names (the file is only
    /// ever written by <see cref="BatchJournal"/>) and unknown fields are ignored, so a newer minor field does not break it.
    /// </summary>
    [JsonSourceGenerationOptions(
        PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false)]
    [JsonSerializable(typeof(JournalHeaderDto))]
    [JsonSerializable(typeof(JournalEntryDto))]
    internal sealed partial class JournalJsonContext : JsonSerializerContext
    {
    }
}
