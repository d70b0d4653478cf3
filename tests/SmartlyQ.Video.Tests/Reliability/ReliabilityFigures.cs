using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using SmartlyQ.Video.Tests.EndToEnd;

namespace SmartlyQ.Video.Tests.Reliability
{
    /// <summary>
    /// The figures of a reliability run, as "name: value" lines. Written to TestResults/reliability-figures*.txt,
    /// which .ci/run prints after the test totals, because xUnit does not show a passing test's output.
    /// </summary>
    internal sealed class ReliabilityFigures
    {
        private readonly List<(string Name, string Value)> _rows = new List<(string, string)>();

        public void Add(string name, object value) => _rows.Add((name, value.ToString()!));

        public override string ToString()
        {
            int width = _rows.Max(r => r.Name.Length);
            var text = new StringBuilder();
            foreach (var (name, value) in _rows) text.Append(name.PadRight(width)).Append("  ").AppendLine(value);
            return text.ToString();
        }

        /// <summary>Writes TestResults/reliability-figures.txt, or reliability-figures-<paramref name="run"/>.txt for one of several runs.</summary>
        public void Save(string title, string? run = null)
        {
            string dir = Path.Combine(RepoPaths.Root, "TestResults");
            Directory.CreateDirectory(dir);
            string name = run == null ? "reliability-figures.txt" : "reliability-figures-" + run.ToLowerInvariant() + ".txt";
            File.WriteAllText(Path.Combine(dir, name), title + "\n" + this);
        }
    }
}
