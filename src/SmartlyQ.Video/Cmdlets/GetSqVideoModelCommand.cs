using System.Management.Automation;
using SmartlyQ.Video.Completion;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Pipeline;

namespace SmartlyQ.Video.Cmdlets
{
    /// <summary>Get-SqVideoModel: gets the video models and the values each accepts. Reads GET /videos/models once per connection; -Refresh reads it again.</summary>
    [Cmdlet(VerbsCommon.Get, "SqVideoModel", HelpUri = "https://github.com/smartlyq/SmartlyQ.Video/blob/main/docs/en-US/Get-SqVideoModel.md")]
    [OutputType(typeof(VideoModel))]
    public sealed class GetSqVideoModelCommand : ConnectedCmdletBase
    {
        /// <summary>Model ids to return, e.g. <c>kling-*</c>; wildcards allowed. Default: all models.</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(ModelNameCompleter))]
        public string[]? Name { get; set; }

        /// <summary>Only models that support this type: <c>text_to_video</c> or <c>image_to_video</c>.</summary>
        [Parameter]
        [ValidateSet(VideoType.TextToVideo, VideoType.ImageToVideo)]
        public string? Type { get; set; }

        /// <summary>Reads the model list from the API again instead of the connection's cached copy.</summary>
        [Parameter]
        public SwitchParameter Refresh { get; set; }


        /// <summary>Writes the matching models.</summary>
        protected override void ProcessRecord()
        {
            SmartlyQConnection connection = RequireConnection();
            string[]? name = Name;
            string? type = Type;
            bool refresh = Refresh.IsPresent;
            RunOperation((sink, cancellationToken) =>
                GetVideoModelOperation.RunAsync(connection, name, type, refresh, sink, cancellationToken));
        }
    }
}
