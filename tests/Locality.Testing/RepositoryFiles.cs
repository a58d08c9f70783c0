namespace Locality.Testing;

/// <summary>Files in the repository that tests read as a newcomer would use them, such as the example import file in docs/.</summary>
public static class RepositoryFiles
{
    public static string Root
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Locality.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("Run the tests inside the repository (Locality.sln was not found above them).");
        }
    }

    /// <summary>docs/examples/police-call-outs.csv: a byte-order mark, Windows line endings, a quoted line break, a duplicate and eight bad rows.</summary>
    public static byte[] ExamplePoliceFile() => File.ReadAllBytes(Path.Combine(Root, "docs", "examples", "police-call-outs.csv"));
}
