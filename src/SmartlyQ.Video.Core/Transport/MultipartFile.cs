using System;

namespace SmartlyQ.Video.Core.Transport
{
    /// <summary>The file part of a <see cref="MultipartBody"/>: its field name, local path and media type.</summary>
    internal sealed class MultipartFile
    {
        public MultipartFile(string fieldName, string path, string mediaType)
        {
            FieldName = fieldName ?? throw new ArgumentNullException(nameof(fieldName));
            Path = path ?? throw new ArgumentNullException(nameof(path));
            MediaType = mediaType ?? throw new ArgumentNullException(nameof(mediaType));
        }

        /// <summary>The form field, e.g. <c>input_reference</c>.</summary>
        public string FieldName { get; }

        /// <summary>The local file, opened again for each attempt.</summary>
        public string Path { get; }

        /// <summary>The part's <c>Content-Type</c>, e.g. <c>image/png</c>.</summary>
        public string MediaType { get; }
    }
}
