using System;
namespace SmartlyQ.Video.Core.Providers
{
    /// <summary>
    /// Capability: the API takes an idempotency key on its POSTs, so a retried submission is answered with the
    /// first job instead of a second charge. Only such providers honour <see cref="SubmitOptions.IdempotencyKey"/>,
    /// and only their POSTs are retried after an ambiguous failure (a timeout or reset after sending).
    /// </summary>
    public interface IIdempotentSubmission
    {
        /// <summary>The header that carries the key, e.g. <c>X-Idempotency-Key</c>.</summary>
        string IdempotencyHeader { get; }
    }
}
