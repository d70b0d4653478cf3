namespace SmartlyQ.Video.HelpBuilder.Tests
{
    /// <summary>Sample pages in platyPS schema 2.0.0, with every part the builder reads.</summary>
    internal static class SamplePage
    {
        /// <summary>
        /// Test-SqSample: two parameter sets, a positional wildcard parameter, a mandatory pipeline parameter with
        /// aliases, a ValidateSet, a switch, a quoted default, wrapped paragraphs, two examples (one with two code
        /// blocks), inputs, outputs, notes and three kinds of related link.
        /// </summary>
        public const string Text = @"---
external help file: SmartlyQ.Video.dll-Help.xml
Module Name: SmartlyQ.Video
online version: https://github.com/smartlyq/SmartlyQ.Video/blob/main/docs/en-US/Test-SqSample.md
schema: 2.0.0
---

# Test-SqSample

## SYNOPSIS
Tests the `sample` things.

## SYNTAX

### ByName (Default)
```
Test-SqSample [[-Name] <String[]>] [-Mode <String>] [-Force] [<CommonParameters>]
```

### ById
```
Test-SqSample -Id <String[]> [-Mode <String>]
 [-Force] [<CommonParameters>]
```

## DESCRIPTION
The `Test-SqSample` cmdlet tests
a sample, over two lines.

A second paragraph & <markup>.

## EXAMPLES

### Example 1: Test by name
```powershell
PS C:\> Test-SqSample -Name 'a*'
```

Tests every sample whose name starts with `a`.

### Example 2: Two steps
```powershell
PS C:\> $s = Test-SqSample -Id s_1
```

```powershell
PS C:\> $s | Format-List
```

## PARAMETERS

### -Force
Tests again.

```yaml
Type: SwitchParameter
Parameter Sets: (All)
Aliases:

Required: False
Position: Named
Default value: False
Accept pipeline input: False
Accept wildcard characters: False
```

### -Id
Sample ids, for example `s_1`.
Binds a `sample_id` property.

```yaml
Type: String[]
Parameter Sets: ById
Aliases: sample_id, SampleId

Required: True
Position: Named
Default value: None
Accept pipeline input: True (ByPropertyName)
Accept wildcard characters: False
```

### -Mode
How to test.

```yaml
Type: String
Parameter Sets: (All)
Aliases:
Accepted values: Fast, Slow

Required: False
Position: Named
Default value: '{mode}.fast'
Accept pipeline input: False
Accept wildcard characters: False
```

### -Name
Sample names; wildcards are allowed.

```yaml
Type: String[]
Parameter Sets: ByName
Aliases:

Required: False
Position: 0
Default value: All samples
Accept pipeline input: False
Accept wildcard characters: True
```

### CommonParameters
This cmdlet supports the common parameters. For more information, see [about_CommonParameters](http://go.microsoft.com/fwlink/?LinkID=113216).

## INPUTS

### System.String
Sample ids, from a `sample_id` property.

## OUTPUTS

### SmartlyQ.Video.Core.Models.Sample
One per sample.

### None
With -Force.

## NOTES
First note.

Second note.

## RELATED LINKS

[Get-SqOther](Get-SqOther.md)

[about_Sample](about_Sample.help.txt)

[Somewhere](https://example.com/somewhere)
";

        /// <summary>A valid page for <paramref name="name"/> with one switch and one example, and no related links.</summary>
        public static string Minimal(string name) => $@"---
external help file: SmartlyQ.Video.dll-Help.xml
Module Name: SmartlyQ.Video
online version: https://github.com/smartlyq/SmartlyQ.Video/blob/main/docs/en-US/{name}.md
schema: 2.0.0
---

# {name}

## SYNOPSIS
Gets the other thing.

## SYNTAX

```
{name} [-All] [<CommonParameters>]
```

## DESCRIPTION
Gets it.

## EXAMPLES

### Example 1: Get it
```powershell
PS C:\> {name} -All
```

## PARAMETERS

### -All
Everything.

```yaml
Type: SwitchParameter
Parameter Sets: (All)
Aliases:

Required: False
Position: Named
Default value: False
Accept pipeline input: False
Accept wildcard characters: False
```

### CommonParameters
This cmdlet supports the common parameters.

## INPUTS

### None
Nothing.

## OUTPUTS

### System.Object
The thing.

## NOTES

## RELATED LINKS
";
    }
}
