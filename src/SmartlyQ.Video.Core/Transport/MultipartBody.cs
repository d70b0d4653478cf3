using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;

namespace SmartlyQ.Video.Core.Transport
{
    /// <summary>
    /// A <c>multipart/form-data</c> body: text fields and at most one file part read from a local path. Each
    /// attempt opens the file again, so a retry sends the whole file, not what an earlier attempt left unread.
    /// </summary>
    internal sealed class MultipartBody : TransportBody
    {
        private readonly IReadOnlyList<KeyValuePair<string, string>> _fields;
        private readonly MultipartFile? _file;

        /// <param name="fields">Text fields in order (name → value).</param>
        /// <param name="file">The file part, or null.</param>
        public MultipartBody(IReadOnlyList<KeyValuePair<string, string>> fields, MultipartFile? file = null)
        {
            _fields = fields ?? throw new ArgumentNullException(nameof(fields));
            _file = file;
        }

        /// <summary>
        /// A fresh form. Throws <see cref="IOException"/> (or <see cref="UnauthorizedAccessException"/>) when the
        /// file cannot be opened; nothing is sent then.
        /// </summary>
        public override HttpContent CreateContent()
        {
            var form = new MultipartFormDataContent();
            foreach (KeyValuePair<string, string> field in _fields) form.Add(new StringContent(field.Value), Quoted(field.Key));
            if (_file != null)
            {
                var stream = new FileStream(_file.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
                var part = new StreamContent(stream);
                part.Headers.ContentType = new MediaTypeHeaderValue(_file.MediaType);
                form.Add(part, Quoted(_file.FieldName), Quoted(System.IO.Path.GetFileName(_file.Path)));
            }

            return form;
        }

        // RFC 7578 names are quoted strings; MultipartFormDataContent leaves unquoted ones as given.
        private static string Quoted(string name) => "\"" + name.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
    }
}
