using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using SmartlyQ.Video.Completion;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Core.Validation;
using SmartlyQ.Video.Pipeline;
using SmartlyQ.Video.Transformations;

namespace SmartlyQ.Video.Cmdlets
{
    /// <summary>
    /// New-SqVideo: submits one video generation job per input record (POST /videos/generate) and writes the
    /// submitted <see cref="VideoJob"/>. Every request parameter binds by property name, with the snake_case
    /// column names of a CSV as aliases, so <c>Import-Csv prompts.csv | New-SqVideo</c> works; a piped string is
    /// the prompt (<c>'a cat' | New-SqVideo -Model kling-v2-1</c>), and so is the first positional argument.
    /// Submitting costs money with a live key, hence ShouldProcess (-WhatIf sends nothing).
    /// </summary>
    /// <remarks>
    /// Two parameter sets keep a row from ever becoming a prompt. In InputObject (the default) the hidden
    /// -InputObject takes any piped object but a string, and the request parameters bind by property name; binding
    /// -InputObject settles the set, so PowerShell never falls back to coercing a row without a prompt column into
    /// the -Prompt string. In Prompt, -Prompt takes a piped string by value and the rest bind only by name.
    /// </remarks>
    [Cmdlet(VerbsCommon.New, "SqVideo", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = InputObjectSet, HelpUri = "https://github.com/smartlyq/SmartlyQ.Video/blob/main/docs/en-US/New-SqVideo.md")]
    [OutputType(typeof(VideoJob))]
    public sealed class NewSqVideoCommand : ConnectedCmdletBase, IDisposable
    {
        private const string InputObjectSet = "InputObject";
        private const string PromptSet = "Prompt";
        private NewVideoOperation? _operation;

        /// <summary>
        /// The piped record itself (a CSV row, any object but a string). Hidden: it only lets the cmdlet see the
        /// record's property names, so a misspelled column is an error instead of being silently ignored.
        /// </summary>
        [Parameter(ValueFromPipeline = true, ParameterSetName = InputObjectSet, DontShow = true)]
        [PipelineRowTransformation]
        public PSObject? InputObject { get; set; }

        /// <summary>Model id from Get-SqVideoModel, e.g. <c>kling-v2-1</c>. Required (an empty cell is reported as a row error).</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = InputObjectSet)]
        [Parameter(Mandatory = true, ParameterSetName = PromptSet)]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(ModelNameCompleter))]
        public string? Model { get; set; }

        /// <summary><c>text_to_video</c> or <c>image_to_video</c>; omitted or empty → image_to_video when -ImageUrl is given, else text_to_video.</summary>
        /// <remarks>
        /// "" is in the set because an empty CSV cell means "infer the type" and ValidateSet rejects "" (and $null)
        /// even on an optional parameter.
        /// </remarks>
        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = InputObjectSet)]
        [Parameter(ParameterSetName = PromptSet)]
        [ValidateSet(VideoType.TextToVideo, VideoType.ImageToVideo, "")]
        public string? Type { get; set; }

        /// <summary>
        /// What the video shows; required for text_to_video, at most the model's PromptMaxLength characters. The first
        /// positional argument, and a piped string, are the prompt.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = InputObjectSet)]
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = PromptSet)]
        [AllowEmptyString]
        public string? Prompt { get; set; }

        /// <summary>Public http(s) URL of a JPEG or PNG; required for image_to_video.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = InputObjectSet)]
        [Parameter(ParameterSetName = PromptSet)]
        [Alias("image_url")]
        public string? ImageUrl { get; set; }

        /// <summary>
        /// A local JPEG, PNG or WebP file to animate (image_to_video), sent as the provider takes it: OpenAI as the
        /// multipart <c>input_reference</c>, NanoGPT as <c>imageDataUrl</c>. SmartlyQ needs a public URL (-ImageUrl), so
        /// there it is a row error. Relative paths are resolved against the current PowerShell location.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = InputObjectSet)]
        [Parameter(ParameterSetName = PromptSet)]
        [Alias("image_path")]
        public string? ImagePath { get; set; }

        /// <summary>Length in seconds; one of the model's Duration values. Accepts CSV text ("10"; "" = not given).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = InputObjectSet)]
        [Parameter(ParameterSetName = PromptSet)]
        [CsvInt32Transformation(nameof(Duration))]
        [ArgumentCompleter(typeof(ModelValueCompleter))]
        public int? Duration { get; set; }

        /// <summary>Resolution, e.g. <c>720p</c> or <c>1080p</c>; one of the model's Resolution values.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = InputObjectSet)]
        [Parameter(ParameterSetName = PromptSet)]
        [ArgumentCompleter(typeof(ModelValueCompleter))]
        public string? Resolution { get; set; }

        /// <summary>Quality mode, e.g. <c>Professional</c>; one of the model's Mode values.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = InputObjectSet)]
        [Parameter(ParameterSetName = PromptSet)]
        [ArgumentCompleter(typeof(ModelValueCompleter))]
        public string? Mode { get; set; }

        /// <summary>Aspect ratio, e.g. <c>16:9</c>, <c>9:16</c> or <c>1:1</c>; one of the model's AspectRatio values.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = InputObjectSet)]
        [Parameter(ParameterSetName = PromptSet)]
        [Alias("aspect_ratio")]
        [ArgumentCompleter(typeof(ModelValueCompleter))]
        public string? AspectRatio { get; set; }

        /// <summary>Style preset, e.g. <c>Anime</c>; only for models that list styles.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = InputObjectSet)]
        [Parameter(ParameterSetName = PromptSet)]
        [ArgumentCompleter(typeof(ModelValueCompleter))]
        public string? Style { get; set; }

        /// <summary>Camera movement: <c>Auto</c>, <c>Small</c>, <c>Medium</c> or <c>Large</c>; only for models that list it.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = InputObjectSet)]
        [Parameter(ParameterSetName = PromptSet)]
        [ArgumentCompleter(typeof(ModelValueCompleter))]
        public string? Movement { get; set; }

        /// <summary>What the video must not show; only for models with SupportsNegativePrompt.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = InputObjectSet)]
        [Parameter(ParameterSetName = PromptSet)]
        [Alias("negative_prompt")]
        public string? NegativePrompt { get; set; }

        /// <summary>Random seed for reproducible output; only for models with SupportsSeed. Accepts CSV text.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = InputObjectSet)]
        [Parameter(ParameterSetName = PromptSet)]
        [CsvInt64Transformation(nameof(Seed))]
        public long? Seed { get; set; }

        /// <summary>
        /// Requests a soundtrack; only for models with SupportsGenerateAudio. From a CSV: true/yes/1 request it,
        /// false/no/0 or an empty cell do not (and are no error on a model without audio).
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = InputObjectSet)]
        [Parameter(ParameterSetName = PromptSet)]
        [Alias("generate_audio")]
        [CsvBooleanTransformation(nameof(GenerateAudio))]
        public SwitchParameter GenerateAudio { get; set; }

        /// <summary>
        /// Keeps the camera still; only for models with SupportsCameraFixed. From a CSV: true/yes/1 request it,
        /// false/no/0 or an empty cell do not (and are no error on a model without it).
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = InputObjectSet)]
        [Parameter(ParameterSetName = PromptSet)]
        [Alias("camera_fixed")]
        [CsvBooleanTransformation(nameof(CameraFixed))]
        public SwitchParameter CameraFixed { get; set; }

        /// <summary>
        /// X-Idempotency-Key for this record: resubmitting with the same key cannot charge twice.
        /// Default: a new GUID per record.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = InputObjectSet)]
        [Parameter(ParameterSetName = PromptSet)]
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

        /// <summary>
        /// Provider-specific fields the model's catalog declares (Get-SqVideoModel shows them as Options), e.g.
        /// <c>-Option @{ cfg_scale = '0.5' }</c>; values are sent as text. CSV columns of the same names bind too; an
        /// -Option wins over a column. An undeclared name or value is a row error that costs nothing.
        /// </summary>
        [Parameter]
        public Hashtable? Option { get; set; }

        /// <summary>
        /// With -BatchId: the folder of the batch journals, which record each row's job so that a re-run pays nothing
        /// twice. Default: SmartlyQ.Video/journal under the user's local application data.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        /// <summary>
        /// For A4F, whose generation is one request that answers minutes later with the video: how many of those requests
        /// run at once in the background (1–32, default 4); New-SqVideo returns each job at once and later rows wait for a
        /// slot. Other providers return a job at once and ignore it.
        /// </summary>
        [Parameter]
        [ValidateRange(1, 32)]
        public int? ThrottleLimit { get; set; }

        /// <summary>Resolves the connection once for the whole pipeline and collects the column names that bind.</summary>
        protected override void BeginProcessing()
        {
            string? journal = JournalPath == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(JournalPath);
            _operation = new NewVideoOperation(RequireConnection(), new NewVideoOptions { BatchId = BatchId, JournalPath = journal, Columns = BindingColumns(), ThrottleLimit = ThrottleLimit });
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
                    ImagePath = ResolvePath(CsvValue.ToNullableString(ImagePath)),
                    Duration = Duration,
                    Resolution = CsvValue.ToNullableString(Resolution),
                    Mode = CsvValue.ToNullableString(Mode),
                    AspectRatio = CsvValue.ToNullableString(AspectRatio),
                    Style = CsvValue.ToNullableString(Style),
                    Movement = CsvValue.ToNullableString(Movement),
                    NegativePrompt = CsvValue.ToNullableString(NegativePrompt),
                    Seed = Seed,
                    // A switch that is off requests nothing: the field is not sent.
                    GenerateAudio = GenerateAudio.IsPresent ? true : (bool?)null,
                    CameraFixed = CameraFixed.IsPresent ? true : (bool?)null,
                    Options = OptionTexts(),
                },
                IdempotencyKey = CsvValue.ToNullableString(IdempotencyKey),
                Columns = InputObject?.Properties.Select(p => p.Name).ToArray(),
                OtherColumns = OtherColumnTexts(),
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
        /// The file-system path of -ImagePath (PowerShell paths such as <c>~/a.png</c> or <c>.\a.png</c> resolve against the
        /// current location); a path PowerShell cannot resolve is passed on as given, for validation to name.
        /// </summary>
        private string? ResolvePath(string? path)
        {
            if (path == null) return null;
            try
            {
                return SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
            }
            catch (Exception ex) when (ex is ItemNotFoundException || ex is DriveNotFoundException || ex is ProviderNotFoundException || ex is NotSupportedException || ex is ArgumentException || ex is PSInvalidOperationException)
            {
                return path;
            }
        }

        /// <summary>-Option as name → invariant text; a null value means not given.</summary>
        private Dictionary<string, string> OptionTexts()
        {
            var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (Option == null) return options;
            foreach (DictionaryEntry entry in Option)
            {
                object? value = entry.Value is PSObject wrapped ? wrapped.BaseObject : entry.Value;
                if (entry.Key == null || value == null) continue;
                string text = value is bool flag ? (flag ? "true" : "false") : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
                options[Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? ""] = text;
            }
            return options;
        }

        /// <summary>The piped object's columns that bind to no parameter, as text (options the catalog may declare).</summary>
        private Dictionary<string, string>? OtherColumnTexts()
        {
            if (InputObject == null) return null;
            var parameters = MyInvocation.MyCommand.Parameters;
            var other = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (PSPropertyInfo property in InputObject.Properties)
            {
                if (parameters.ContainsKey(property.Name) || parameters.Values.Any(p => p.Aliases.Contains(property.Name, StringComparer.OrdinalIgnoreCase))) continue;
                object? value;
                try
                {
                    value = property.Value;
                }
                catch (GetValueException)
                {
                    continue;
                }
                if (value != null) other[property.Name] = Convert.ToString(value is PSObject wrapped ? wrapped.BaseObject : value, CultureInfo.InvariantCulture) ?? "";
            }
            return other;
        }

        /// <summary>Closes the batch journal, also when the pipeline was stopped or failed.</summary>
        public void Dispose() => _operation?.Dispose();

        /// <summary>Every parameter that binds by property name, with its aliases: the columns a row may have.</summary>
        private ColumnNames BindingColumns()
        {
            var columns = new ColumnNames();
            foreach (ParameterMetadata parameter in MyInvocation.MyCommand.Parameters.Values)
            {
                if (parameter.ParameterSets.Values.Any(set => set.ValueFromPipelineByPropertyName))
                    columns.Add(parameter.Name, parameter.Aliases);
            }

            return columns;
        }

        /// <summary>
        /// The ErrorRecord's TargetObject: a PSCustomObject of the values bound for this record, named as the
        /// parameters whatever the row's column spelling. MyInvocation.BoundParameters is reused and changed for the
        /// next record, so the values are copied.
        /// </summary>
        private PSObject DescribeRecord()
        {
            var record = new PSObject();
            void Add(string name, object? value) => record.Properties.Add(new PSNoteProperty(name, value));
            Add(nameof(Model), Model);
            Add(nameof(Type), Type);
            Add(nameof(Prompt), Prompt);
            Add(nameof(ImageUrl), ImageUrl);
            Add(nameof(ImagePath), ImagePath);
            Add(nameof(Duration), Duration);
            Add(nameof(Resolution), Resolution);
            Add(nameof(Mode), Mode);
            Add(nameof(AspectRatio), AspectRatio);
            Add(nameof(Style), Style);
            Add(nameof(Movement), Movement);
            Add(nameof(NegativePrompt), NegativePrompt);
            Add(nameof(Seed), Seed);
            Add(nameof(GenerateAudio), GenerateAudio.IsPresent);
            Add(nameof(CameraFixed), CameraFixed.IsPresent);
            Add(nameof(IdempotencyKey), IdempotencyKey);
            return record;
        }
    }
}
