using MaLAM4Com.Engine.Tracing;

namespace MaLAM4Com.Cli.Tracing;

/// <summary>
/// Writes a file as PATH.partial and renames it to PATH once whole: a failed write leaves neither a
/// truncated PATH nor the partial file (it is deleted), and an existing PATH stays as it was.
/// </summary>
public static class PartialFile
{
    public static T Write<T>(string path, Func<Stream, T> write)
    {
        var partial = path + ".partial";
        try
        {
            T result;
            using (var stream = JsonLinesTraceWriter.OpenForWriting(partial))
                result = write(stream);
            File.Move(partial, path, overwrite: true);
            return result;
        }
        catch
        {
            if (File.Exists(partial))
                File.Delete(partial);
            throw;
        }
    }
}
