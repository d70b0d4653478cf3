using System;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Security;
using SmartlyQ.Video.Connections;
using SmartlyQ.Video.Completion;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Pipeline;

namespace SmartlyQ.Video.Cmdlets
{
    /// <summary>
    /// Connect-SmartlyQ: connects to a video API (-Provider: SmartlyQ by default, OpenAI, NanoGPT) and makes the
    /// connection this runspace's default; every other cmdlet then drives that provider. Checks the API key with an
    /// authenticated request. Without -ApiKey or -Credential the key is read from the provider's usual environment
    /// variable (SMARTLYQ_API_KEY, OPENAI_API_KEY, NANOGPT_API_KEY).
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "SmartlyQ", DefaultParameterSetName = ApiKeySet, HelpUri = "https://github.com/smartlyq/SmartlyQ.Video/blob/main/docs/en-US/Connect-SmartlyQ.md")]
    [OutputType(typeof(SmartlyQConnection))]
    public sealed class ConnectSmartlyQCommand : AsyncCmdletBase
    {
        private const string ApiKeySet = "ApiKey";
        private const string CredentialSet = "Credential";

        /// <summary>
        /// The API to connect to: <c>SmartlyQ</c> (default), <c>OpenAI</c> or <c>NanoGPT</c> (tab completion lists them).
        /// Decides the default -BaseUri, the key's format and environment variable, and how requests are sent.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProviderNameCompleter))]
        public string? Provider { get; set; }

        /// <summary>
        /// The API key in the provider's format (SmartlyQ: <c>sqk_live_…</c> spends credits, <c>sqk_test_…</c> charges
        /// nothing; OpenAI: <c>sk-…</c>). Omit it, and -Credential, to use the provider's environment variable.
        /// </summary>
        [Parameter(ParameterSetName = ApiKeySet)]
        public SecureString? ApiKey { get; set; }

        /// <summary>
        /// A credential whose password is the API key; the user name is ignored, except by a provider that signs
        /// requests with a key pair (Kling's official API: user name = access key, password = secret key).
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
        [Credential]
        public PSCredential? Credential { get; set; }

        /// <summary>
        /// API root; default the provider's public one (SmartlyQ <c>https://api.smartlyq.com/v1</c>, OpenAI
        /// <c>https://api.openai.com/v1</c>, NanoGPT <c>https://nano-gpt.com/api</c>). A gateway that serves a provider's
        /// API goes here, e.g. <c>-Provider OpenAI -BaseUri https://gateway.example/v1</c>. Plain http only for loopback hosts.
        /// </summary>
        [Parameter]
        public Uri? BaseUri { get; set; }

        /// <summary>Also writes the connection to the pipeline (for -Connection).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Retries after the first attempt for 408, 429, 5xx and network errors, 0–10; default 4. Submissions are retried safely: each carries its idempotency key.</summary>
        [Parameter]
        [ValidateRange(0, 10)]
        public int MaximumRetryCount { get; set; }

        /// <summary>Seconds to wait before the first retry, 1–60, doubled per retry with jitter; default 1. A 429's Retry-After wins.</summary>
        [Parameter]
        [ValidateRange(1, 60)]
        public int RetryIntervalSec { get; set; }

        /// <summary>Seconds one attempt may take, 1–3600; default 30. For downloads it bounds the wait for the response and any stall, not the whole file.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; }

        /// <summary>Seconds one API call may take with all its retries, 1–86400; default 300.</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int TotalTimeoutSec { get; set; }

        /// <summary>
        /// Requests per second the key may send, 0.01–10000, for an API whose answers state no limit (NanoGPT, a new-api
        /// gateway: its operator sets the limit). Default: the provider's documented rate, else a conservative one. An
        /// API that sends limit headers is paced by them once an answer shows them.
        /// </summary>
        [Parameter]
        [ValidateRange(0.01, 10000.0)]
        public double RequestsPerSecond { get; set; }

        /// <summary>Checks the key, then stores the connection as the current runspace's default.</summary>
        protected override void ProcessRecord()
        {
            var parameters = new ConnectParameters
            {
                Provider = Provider,
                ApiKey = Credential != null ? Credential.Password : ApiKey,
                UserName = Credential?.UserName,
                BaseUri = BaseUri,
                PassThru = PassThru.IsPresent,
                MaximumRetryCount = Bound(nameof(MaximumRetryCount), MaximumRetryCount),
                RetryIntervalSec = Bound(nameof(RetryIntervalSec), RetryIntervalSec),
                TimeoutSec = Bound(nameof(TimeoutSec), TimeoutSec),
                TotalTimeoutSec = Bound(nameof(TotalTimeoutSec), TotalTimeoutSec),
                RequestsPerSecond = MyInvocation.BoundParameters.ContainsKey(nameof(RequestsPerSecond)) ? RequestsPerSecond : (double?)null,
            };
            // Read here, on the pipeline thread: DefaultRunspace is thread-static.
            Runspace? runspace = Runspace.DefaultRunspace;
            SmartlyQConnection? connection = null;
            RunOperation(async (sink, cancellationToken) =>
                connection = await ConnectOperation.ConnectAsync(parameters, sink, cancellationToken).ConfigureAwait(false));

            if (connection == null) return; // stopped
            if (runspace != null)
                RunspaceConnections.Set(runspace, connection);
            else
                WriteWarning("No current runspace: the connection was not stored as the default. Use -PassThru and pass it with -Connection.");
        }

        /// <summary>The value when the user gave it; null lets Core apply its default (an int cannot say "not given").</summary>
        private int? Bound(string parameter, int value) => MyInvocation.BoundParameters.ContainsKey(parameter) ? value : (int?)null;
    }
}
