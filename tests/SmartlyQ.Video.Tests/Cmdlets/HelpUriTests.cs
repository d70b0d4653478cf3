using System.IO;
using System.Linq;
using SmartlyQ.Video.Tests.EndToEnd;
using Xunit;

namespace SmartlyQ.Video.Tests.Cmdlets
{
    /// <summary>
    /// Every cmdlet class names its online help page (Get-Help -Online): the page of docs/en-US on the repository's
    /// main branch, which must exist, and whose front matter gives the same address.
    /// </summary>
    public sealed class HelpUriTests
    {
        private const string DocsUrl = "https://github.com/smartlyq/SmartlyQ.Video/blob/main/docs/en-US/";

        [Fact]
        public void Every_cmdlet_has_the_HelpUri_of_its_page_in_docs_en_US()
        {
            string[] faults = CmdletAssembly.Cmdlets
                .Select(cmdlet => (Name: cmdlet.Key, HelpUri: CmdletAssembly.Named<string?>(CmdletAssembly.Attribute(cmdlet.Value, "CmdletAttribute")!, "HelpUri", null)))
                .Where(cmdlet => cmdlet.HelpUri != DocsUrl + cmdlet.Name + ".md" || !File.Exists(Page(cmdlet.Name)))
                .Select(cmdlet => $"{cmdlet.Name}: HelpUri '{cmdlet.HelpUri}', page exists: {File.Exists(Page(cmdlet.Name))}")
                .ToArray();

            Assert.True(faults.Length == 0, string.Join("\n", faults));
        }

        [Fact]
        public void Every_cmdlet_page_gives_the_same_address_as_its_online_version()
        {
            foreach (string name in CmdletAssembly.Cmdlets.Keys.Where(name => File.Exists(Page(name))))
                Assert.Contains("\nonline version: " + DocsUrl + name + ".md\n", File.ReadAllText(Page(name)).Replace("\r\n", "\n"));
        }

        private static string Page(string cmdlet) => Path.Combine(RepoPaths.Root, "docs", "en-US", cmdlet + ".md");
    }
}
