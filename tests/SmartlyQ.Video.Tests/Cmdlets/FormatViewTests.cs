using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Tests.EndToEnd;
using Xunit;

namespace SmartlyQ.Video.Tests.Cmdlets
{
    /// <summary>The format file (no PowerShell here to load it): every view names a real output type and real properties.</summary>
    public class FormatViewTests
    {
        private static readonly string FormatPath = Path.Combine(RepoPaths.Root, "src", "SmartlyQ.Video", "SmartlyQ.Video.Format.ps1xml");
        private static readonly Assembly Core = typeof(VideoJob).Assembly;

        [Fact]
        public void Every_view_selects_a_core_output_type_and_shows_only_its_properties()
        {
            XDocument format = XDocument.Load(FormatPath);
            var views = format.Descendants("View").ToList();

            Assert.Equal(5, views.Count);
            foreach (XElement view in views)
            {
                string typeName = view.Element("ViewSelectedBy")!.Element("TypeName")!.Value;
                Type? type = Core.GetType(typeName);
                Assert.True(type != null, typeName + " is not a type in SmartlyQ.Video.Core");
                int headers = view.Descendants("TableColumnHeader").Count();
                int items = view.Descendants("TableColumnItem").Count();
                Assert.Equal(headers, items);
                foreach (string property in view.Descendants("PropertyName").Select(p => p.Value))
                    Assert.True(type!.GetProperty(property) != null, typeName + " has no property " + property);
            }
        }

        [Fact]
        public void Manifest_loads_the_format_file_and_the_build_ships_it()
        {
            string manifest = File.ReadAllText(Path.Combine(RepoPaths.Root, "SmartlyQ.Video.psd1"));
            string build = File.ReadAllText(Path.Combine(RepoPaths.Root, "build.ps1"));

            Assert.Matches(new Regex(@"FormatsToProcess\s*=\s*@\('SmartlyQ\.Video\.Format\.ps1xml'\)"), manifest);
            Assert.Contains("src/SmartlyQ.Video/SmartlyQ.Video.Format.ps1xml", build);
        }
    }
}
