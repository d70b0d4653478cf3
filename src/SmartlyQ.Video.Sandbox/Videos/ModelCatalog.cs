using System;
using System.Collections.Generic;
using System.Linq;

namespace SmartlyQ.Video.Sandbox.Videos
{
    /// <summary>The configured models by id, checked once at start so validation can rely on them.</summary>
    internal sealed class ModelCatalog
    {
        private readonly Dictionary<string, SandboxModel> _byId = new Dictionary<string, SandboxModel>(StringComparer.Ordinal);

        public ModelCatalog(IEnumerable<SandboxModel> models)
        {
            All = models.ToList();
            foreach (var model in All)
            {
                if (string.IsNullOrWhiteSpace(model.Model)) throw new ArgumentException("A sandbox model has an empty Model id.");
                if (model.Duration.Count == 0) throw new ArgumentException($"Sandbox model '{model.Model}' needs at least one duration.");
                if (model.Types.Count == 0) throw new ArgumentException($"Sandbox model '{model.Model}' needs at least one type.");
                if (model.PricePerSecond < 0) throw new ArgumentException($"Sandbox model '{model.Model}' has a negative price.");
                if (!_byId.TryAdd(model.Model, model)) throw new ArgumentException($"Sandbox model '{model.Model}' is configured twice.");
            }
        }

        public IReadOnlyList<SandboxModel> All { get; }

        public IEnumerable<string> Ids => All.Select(m => m.Model);

        public bool TryGet(string id, out SandboxModel model) => _byId.TryGetValue(id, out model!);
    }
}
