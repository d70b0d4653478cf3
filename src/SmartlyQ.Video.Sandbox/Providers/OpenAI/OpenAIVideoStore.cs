using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using SmartlyQ.Video.Sandbox.Auth;

namespace SmartlyQ.Video.Sandbox.Providers.OpenAI
{
    /// <summary>The OpenAI emulator's videos by id, and each key's in creation order (for cursor pagination).</summary>
    internal sealed class OpenAIVideoStore
    {
        private readonly ConcurrentDictionary<string, OpenAIVideo> _byId = new ConcurrentDictionary<string, OpenAIVideo>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<KeyAccount, List<OpenAIVideo>> _byOwner = new ConcurrentDictionary<KeyAccount, List<OpenAIVideo>>();

        public void Add(OpenAIVideo video)
        {
            _byId[video.Id] = video;
            var list = _byOwner.GetOrAdd(video.Job.Owner, _ => new List<OpenAIVideo>());
            lock (list) list.Add(video);
        }

        /// <summary>A live (not deleted) video of <paramref name="owner"/>; another key's video is as unknown as a made-up id.</summary>
        public bool TryGet(KeyAccount owner, string id, out OpenAIVideo video)
        {
            if (_byId.TryGetValue(id, out var found) && found.Job.Owner == owner && !found.Deleted)
            {
                video = found;
                return true;
            }
            video = null!;
            return false;
        }

        /// <summary>Any video of <paramref name="owner"/>, deleted ones included (a list cursor may name one).</summary>
        public bool TryGetIncludingDeleted(KeyAccount owner, string id, out OpenAIVideo video)
        {
            if (_byId.TryGetValue(id, out var found) && found.Job.Owner == owner)
            {
                video = found;
                return true;
            }
            video = null!;
            return false;
        }

        /// <summary>The key's videos, deleted ones included, oldest first.</summary>
        public IReadOnlyList<OpenAIVideo> OldestFirst(KeyAccount owner)
        {
            if (!_byOwner.TryGetValue(owner, out var list)) return Array.Empty<OpenAIVideo>();
            OpenAIVideo[] copy;
            lock (list) copy = list.ToArray();
            // Concurrent creates may append slightly out of order; the job sequence is the creation order.
            Array.Sort(copy, (a, b) => a.Job.Sequence.CompareTo(b.Job.Sequence));
            return copy;
        }
    }
}
