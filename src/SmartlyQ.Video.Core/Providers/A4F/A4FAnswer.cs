namespace SmartlyQ.Video.Core.Providers.A4F
{
    /// <summary>
    /// What <see cref="A4FAnswerDecoder"/> read from the answer of <c>POST /v1/video/generations</c>
    /// (<c>{"created":…,"data":[{"b64_json":"…","url":null,"revised_prompt":null}]}</c>): how many video bytes
    /// <c>data[0].b64_json</c> decoded to (null when it was absent or null), and the small values beside it.
    /// </summary>
    internal sealed class A4FAnswer
    {
        /// <summary>Bytes of video decoded from <c>data[0].b64_json</c>; null when the answer had none.</summary>
        public long? VideoBytes { get; set; }

        /// <summary><c>data[0].url</c> (older page versions: a temporary URL of the video); null when absent or null.</summary>
        public string? Url { get; set; }

        /// <summary><c>data[0].revised_prompt</c>.</summary>
        public string? RevisedPrompt { get; set; }

        /// <summary><c>created</c>: Unix seconds.</summary>
        public long? Created { get; set; }

        /// <summary><c>error.message</c> (or a string <c>error</c>) of a 200 answer that reports a failure.</summary>
        public string? ErrorMessage { get; set; }

        /// <summary><c>error.type</c>, the short code (e.g. <c>provider_error</c>), else <c>error.code</c>.</summary>
        public string? ErrorType { get; set; }
    }
}
