using System.Text.Json;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Operations;

namespace SmartlyQ.Video.Bench.Batch
{
    /// <summary>One CSV row of the batch, varied over the sandbox's four models (as Import-Csv would give it).</summary>
    internal sealed record Row(int Index, string Model, string Type, string Prompt, string? ImageUrl, int Duration,
        string? AspectRatio = null, string? Style = null, bool? GenerateAudio = null, bool? CameraFixed = null)
    {
        private static readonly string[] Subjects =
        {
            "a lighthouse in a storm", "a fox in fresh snow", "a night market in Taipei", "a sailboat at dawn", "a robot watering plants",
        };

        public static List<Row> Create(int count)
        {
            var rows = new List<Row>(count);
            for (int i = 0; i < count; i++)
            {
                string prompt = "Shot " + (i + 1) + ": slow dolly toward " + Subjects[i % Subjects.Length];
                rows.Add((i % 4) switch
                {
                    0 => new Row(i, "kling-v2-1", "text_to_video", prompt, null, 5, AspectRatio: "16:9"),
                    1 => new Row(i, "pixverse-v4-5", "text_to_video", prompt, null, 5, Style: "Anime"),
                    2 => new Row(i, "veo-3", "text_to_video", prompt, null, 8, GenerateAudio: true),
                    _ => new Row(i, "seedance-1-pro", "image_to_video", prompt, "https://images.example.com/frames/" + i + ".png", 5, CameraFixed: true),
                });
            }

            return rows;
        }

        /// <summary>What New-SqVideo receives for this row.</summary>
        public NewVideoInput ToInput() => new NewVideoInput
        {
            Request = new VideoRequest
            {
                Model = Model, Type = Type, Prompt = Prompt, ImageUrl = ImageUrl, Duration = Duration,
                AspectRatio = AspectRatio, Style = Style, GenerateAudio = GenerateAudio, CameraFixed = CameraFixed,
            },
            TargetObject = this,
        };

        /// <summary>The JSON body a hand-written client posts for this row.</summary>
        public byte[] ToJson()
        {
            var body = new Dictionary<string, object>
            {
                ["model"] = Model,
                ["type"] = Type,
                ["prompt"] = Prompt,
                ["duration"] = Duration,
            };
            if (ImageUrl != null) body["image_url"] = ImageUrl;
            if (AspectRatio != null) body["aspect_ratio"] = AspectRatio;
            if (Style != null) body["style"] = Style;
            if (GenerateAudio != null) body["generate_audio"] = GenerateAudio.Value;
            if (CameraFixed != null) body["camera_fixed"] = CameraFixed.Value;
            return JsonSerializer.SerializeToUtf8Bytes(body);
        }
    }
}
