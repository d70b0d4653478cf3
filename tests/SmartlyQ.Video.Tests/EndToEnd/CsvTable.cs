using System.Collections.Generic;
using System.IO;
using System.Text;

namespace SmartlyQ.Video.Tests.EndToEnd
{
    /// <summary>Reads a CSV file the way Import-Csv does: a header row, quoted fields with "" escapes, every value a string.</summary>
    internal static class CsvTable
    {
        public static List<Dictionary<string, string>> Read(string path)
        {
            var lines = new List<List<string>>();
            foreach (string line in File.ReadAllLines(path))
                if (line.Length > 0) lines.Add(Split(line));

            var rows = new List<Dictionary<string, string>>();
            for (int i = 1; i < lines.Count; i++)
            {
                var row = new Dictionary<string, string>();
                for (int c = 0; c < lines[0].Count; c++)
                    row[lines[0][c]] = c < lines[i].Count ? lines[i][c] : "";
                rows.Add(row);
            }

            return rows;
        }

        private static List<string> Split(string line)
        {
            var fields = new List<string>();
            var current = new StringBuilder();
            bool quoted = false;
            for (int i = 0; i < line.Length; i++)
            {
                char ch = line[i];
                if (quoted && ch == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else if (ch == '"') quoted = !quoted;
                else if (ch == ',' && !quoted) { fields.Add(current.ToString()); current.Clear(); }
                else current.Append(ch);
            }

            fields.Add(current.ToString());
            return fields;
        }
    }
}
