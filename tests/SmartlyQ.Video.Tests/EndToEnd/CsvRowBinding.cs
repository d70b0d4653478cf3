using System.Collections.Generic;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Operations;

namespace SmartlyQ.Video.Tests.EndToEnd
{
    /// <summary>Binds an Import-Csv row to New-SqVideo's input as the cmdlet's parameters do (snake_case columns, CSV strings, switches).</summary>
    internal static class CsvRowBinding
    {
        public static NewVideoInput ToInput(Dictionary<string, string> row)
        {
            string? Text(string column) => CsvValue.ToNullableString(row.TryGetValue(column, out string? v) ? v : null);
            return new NewVideoInput
            {
                TargetObject = row,
                IdempotencyKey = Text("idempotency_key"),
                Request = new VideoRequest
                {
                    Model = Text("model"),
                    Type = Text("type"),
                    Prompt = Text("prompt"),
                    ImageUrl = Text("image_url"),
                    Duration = CsvValue.ToNullableInt32(Text("duration"), "duration"),
                    Resolution = Text("resolution"),
                    Mode = Text("mode"),
                    AspectRatio = Text("aspect_ratio"),
                    Style = Text("style"),
                    Movement = Text("movement"),
                    NegativePrompt = Text("negative_prompt"),
                    Seed = CsvValue.ToNullableInt64(Text("seed"), "seed"),
                    // Switches: only "on" requests the feature.
                    GenerateAudio = CsvValue.ToNullableBoolean(Text("generate_audio"), "generate_audio") == true ? true : (bool?)null,
                    CameraFixed = CsvValue.ToNullableBoolean(Text("camera_fixed"), "camera_fixed") == true ? true : (bool?)null,
                },
            };
        }
    }
}
