using System.Text.Json.Serialization.Metadata;

namespace SmartlyQ.Video.Core.Providers.SmartlyQ
{
    /// <summary><c>result</c> as an object, <c>{}</c>, null or missing; any other shape is ignored.</summary>
    internal sealed class JobResultConverter : LenientObjectConverter<JobResultDto>
    {
        protected override JsonTypeInfo<JobResultDto> TypeInfo => SmartlyQJsonContext.Default.JobResultDto;
    }
}
