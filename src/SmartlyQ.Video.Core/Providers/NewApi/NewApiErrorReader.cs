using SmartlyQ.Video.Core.Transport;

namespace SmartlyQ.Video.Core.Providers.NewApi
{
    /// <summary>
    /// The task endpoint's errors: new-api's envelopes as <see cref="GatewayErrorReader"/> reads them, under
    /// <see cref="NewApiProvider.Name"/>, with advice for a bad token and an empty quota.
    /// </summary>
    internal sealed class NewApiErrorReader : GatewayErrorReader
    {
        public NewApiErrorReader(ApiCredential credential)
            : base(NewApiProvider.Name, credential)
        {
        }

        /// <inheritdoc />
        protected override string? AdviceFor(ApiErrorKind kind)
        {
            switch (kind)
            {
                case ApiErrorKind.Unauthorized: return "Run Connect-SmartlyQ -Provider NewApi -BaseUri https://your-gateway/v1 with a valid token from the gateway's dashboard.";
                case ApiErrorKind.InsufficientBalance: return "Top up the token's or the user's quota on the gateway, then run the rows again.";
                default: return null;
            }
        }
    }
}
