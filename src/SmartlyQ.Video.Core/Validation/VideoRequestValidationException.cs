using System;
using System.Collections.Generic;
using System.Linq;

namespace SmartlyQ.Video.Core.Validation
{
    /// <summary>
    /// A request refused before sending (nothing was charged). <see cref="ArgumentException.ParamName"/> is the first
    /// offending field; <see cref="Fields"/> lists them all.
    /// </summary>
    public sealed class VideoRequestValidationException : ArgumentException
    {
        /// <summary>Creates the exception from the field errors (at least one).</summary>
        public VideoRequestValidationException(IReadOnlyList<FieldError> fields)
            : base("Video request not sent (nothing charged): " + string.Join(" ", fields.Select(f => f.Message)), fields[0].Field)
        {
            Fields = fields;
        }

        /// <summary>Every rejected field.</summary>
        public IReadOnlyList<FieldError> Fields { get; }

        /// <summary>The message without ArgumentException's "(Parameter …)" suffix.</summary>
        public override string Message => "Video request not sent (nothing charged): " + string.Join(" ", Fields.Select(f => f.Message));
    }
}
