using System.Management.Automation;
using SmartlyQ.Video.Completion;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Pipeline;
using SmartlyQ.Video.Transformations;

namespace SmartlyQ.Video.Cmdlets
{
    /// <summary>
    /// New-SqVideo: submits one video generation job per input record (POST /videos/generate) and writes the
    /// submitted <see cref="VideoJob"/>. Every request parameter binds by property name, with the snake_case
    /// column names of a CSV as aliases, so <c>Import-Csv prompts.csv | New-SqVideo</c> works. Submitting costs
    /// SQC with a live key, hence ShouldProcess (-WhatIf sends nothing).
    /// </summary>
    [Cmdlet(VerbsCommon.New, "SqVideo", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = "https://github.com/smartlyq/SmartlyQ.Video/blob/main/docs/en-US/New-SqVideo.md")]
    [OutputType(typeof(VideoJob))]
    public sealed class NewSqVideoCommand : ConnectedCmdletBase
    {
        private NewVideoOperation? _operation;

        /// <summary>Model id from Get-SqVideoModel, e.g. <c>kling-v2-1</c>. Required (an empty cell is reported as a row error).</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(ModelNameCompleter))]
        public string? Model { get; set; }

        /// <summary><c>text_to_video</c> or <c>image_to_video</c>; omitted or empty → image_to_video when -ImageUrl is given, else text_to_video.</summary>
        /// <remarks>
        /// "" is in the set because an empty CSV cell means "infer the type" and ValidateSet rejects "" (and $null)
        /// even on an optional parameter.
        /// </remarks>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateSet(VideoType.TextToVideo, VideoType.ImageToVideo, "")]
        public string? Type { get; set; }

        /// <summary>What the video shows; required for text_to_video, at most the model's PromptMaxLength characters.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Prompt { get; set; }

        /// <summary>Public http(s) URL of a JPEG or PNG; required for image_to_video.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("image_url")]
        public string? ImageUrl { get; set; }

        /// <summary>Length in seconds; one of the model's Duration values. Accepts CSV text ("10"; "" = not given).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [CsvInt32Transformation(nameof(Duration))]
        [ArgumentCompleter(typeof(ModelValueCompleter))]
        public int? Duration { get; set; }

        /// <summary>Resolution, e.g. <c>720p</c> or <c>1080p</c>; one of the model's Resolution values.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ModelValueCompleter))]
        public string? Resolution { get; set; }

        /// <summary>Quality mode, e.g. <c>Professional</c>; one of the model's Mode values.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ModelValueCompleter))]
        public string? Mode { get; set; }

        /// <summary>Aspect ratio, e.g. <c>16:9</c>, <c>9:16</c> or <c>1:1</c>; one of the model's AspectRatio values.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("aspect_ratio")]
        [ArgumentCompleter(typeof(ModelValueCompleter))]
        public string? AspectRatio { get; set; }

        /// <summary>Style preset, e.g. <c>Anime</c>; only for models that list styles.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ModelValueCompleter))]
        public string? Style { get; set; }

        /// <summary>Camera movement: <c>Auto</c>, <c>Small</c>, <c>Medium</c> or <c>Large</c>; only for models that list it.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ModelValueCompleter))]
        public string? Movement { get; set; }

        /// <summary>What the video must not show; only for models with SupportsNegativePrompt.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("negative_prompt")]
        public string? NegativePrompt { get; set; }

        /// <summary>Random seed for reproducible output; only for models with SupportsSeed. Accepts CSV text.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [CsvInt64Transformation(nameof(Seed))]
        public long? Seed { get; set; }

        /// <summary>Generate a soundtrack; only for models with SupportsGenerateAudio. Accepts CSV text (true/false, yes/no, 1/0).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("generate_audio")]
        [CsvBooleanTransformation(nameof(GenerateAudio))]
        public bool? GenerateAudio { get; set; }

        /// <summary>Keep the camera still; only for models with SupportsCameraFixed. Accepts CSV text (true/false, yes/no, 1/0).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("camera_fixed")]
        [CsvBooleanTransformation(nameof(CameraFixed))]
        public bool? CameraFixed { get; set; }

        /// <summary>
        /// X-Idempotency-Key for this record: resubmitting with the same key cannot charge twice.
        /// Default: a new GUID per record.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("idempotency_key")]
        public string? IdempotencyKey { get; set; }

        /// <summary>
        /// Makes the idempotency keys deterministic: each row's key is derived from this id, the row's request and how
        /// many identical rows came before it in this run. Running the same batch again with the same -BatchId
        /// (within the API's 24 h window) submits nothing new and charges nothing; two identical rows still give two
        /// jobs. A row's own IdempotencyKey wins. Without -BatchId every row gets a new random key.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? BatchId { get; set; }

        /// <summary>Resolves the connection once for the whole pipeline.</summary>
        protected override void BeginProcessing()
        {
            _operation = new NewVideoOperation(RequireConnection(), new NewVideoOptions { BatchId = BatchId });
        }

        /// <summary>Validates and submits the current record; empty or blank text counts as not given.</summary>
        protected override void ProcessRecord()
        {
            NewVideoOperation operation = _operation!;
            var input = new NewVideoInput
            {
                Request = new VideoRequest
                {
                    Model = CsvValue.ToNullableString(Model),
                    Type = CsvValue.ToNullableString(Type),
                    Prompt = CsvValue.ToNullableString(Prompt),
                    ImageUrl = CsvValue.ToNullableString(ImageUrl),
                    Duration = Duration,
                    Resolution = CsvValue.ToNullableString(Resolution),
                    Mode = CsvValue.ToNullableString(Mode),
                    AspectRatio = CsvValue.ToNullableString(AspectRatio),
                    Style = CsvValue.ToNullableString(Style),
                    Movement = CsvValue.ToNullableString(Movement),
                    NegativePrompt = CsvValue.ToNullableString(NegativePrompt),
                    Seed = Seed,
                    GenerateAudio = GenerateAudio,
                    CameraFixed = CameraFixed,
                },
                IdempotencyKey = CsvValue.ToNullableString(IdempotencyKey),
                TargetObject = DescribeRecord(),
            };
            RunOperation((sink, cancellationToken) => operation.ProcessAsync(input, sink, cancellationToken));
        }

        /// <summary>Warns about rows held back after the wallet ran out.</summary>
        protected override void EndProcessing()
        {
            NewVideoOperation operation = _operation!;
            RunOperation((sink, cancellationToken) =>
            {
                operation.Complete(sink);
                return System.Threading.Tasks.Task.CompletedTask;
            });
        }

        /// <summary>
        /// The ErrorRecord's TargetObject: a PSCustomObject of the values bound for this record. A cmdlet cannot
        /// see the pipeline object itself, and a hidden ValueFromPipeline parameter would change how rows bind;
        /// MyInvocation.BoundParameters is reused and changed for the next record, so the values are copied.
        /// </summary>
        private PSObject DescribeRecord()
        {
            var record = new PSObject();
            void Add(string name, object? value) => record.Properties.Add(new PSNoteProperty(name, value));
            Add(nameof(Model), Model);
            Add(nameof(Type), Type);
            Add(nameof(Prompt), Prompt);
            Add(nameof(ImageUrl), ImageUrl);
            Add(nameof(Duration), Duration);
            Add(nameof(Resolution), Resolution);
            Add(nameof(Mode), Mode);
            Add(nameof(AspectRatio), AspectRatio);
            Add(nameof(Style), Style);
            Add(nameof(Movement), Movement);
            Add(nameof(NegativePrompt), NegativePrompt);
            Add(nameof(Seed), Seed);
            Add(nameof(GenerateAudio), GenerateAudio);
            Add(nameof(CameraFixed), CameraFixed);
            Add(nameof(IdempotencyKey), IdempotencyKey);
            return record;
        }
    }
}
