using System;
namespace SmartlyQ.Video.Core.Models
{
    /// <summary>Where a <see cref="VideoModel"/>'s values come from.</summary>
    public enum VideoSourceKind
    {
        /// <summary>The provider's own model list endpoint, read on this connection.</summary>
        Api = 0,

        /// <summary>A catalog built into the module from the provider's documentation (the API has no model list).</summary>
        BuiltIn,
    }
}
