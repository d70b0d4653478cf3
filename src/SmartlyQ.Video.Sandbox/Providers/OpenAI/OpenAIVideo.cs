using SmartlyQ.Video.Sandbox.Jobs;

namespace SmartlyQ.Video.Sandbox.Providers.OpenAI
{
    /// <summary>
    /// A video as the OpenAI emulator knows it: the shared <see cref="SandboxJob"/> (timing, failure, file, ledger) plus
    /// what the Videos API echoes back. Deleting hides it from this API; the job, its ledger entries and its file stay.
    /// </summary>
    internal sealed class OpenAIVideo
    {
        private volatile bool _deleted;

        public OpenAIVideo(SandboxJob job, string model, string prompt, string size, string seconds, string? remixedFrom)
        {
            Job = job;
            Model = model;
            Prompt = prompt;
            Size = size;
            Seconds = seconds;
            RemixedFrom = remixedFrom;
        }

        public SandboxJob Job { get; }
        public string Id => Job.Id;
        public string Model { get; }
        public string Prompt { get; }
        public string Size { get; }
        public string Seconds { get; }
        public string? RemixedFrom { get; }
        public bool Deleted => _deleted;

        public void MarkDeleted() => _deleted = true;
    }
}
