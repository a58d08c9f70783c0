using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Locality.Application.Common.Idempotency;

/// <summary>
/// How a request is recognised again (a SHA-256 fingerprint of its content; a file counts by its own hash, so a large
/// upload is never copied into text) and how the answer given to it is kept and given again.
/// </summary>
internal static class IdempotentAnswers
{
    private static readonly JsonSerializerOptions Answers = new(JsonSerializerDefaults.General);

    private static readonly JsonSerializerOptions Fingerprints = new(JsonSerializerDefaults.General)
    {
        Converters = { new BytesByTheirHash() },
    };

    public static byte[] Fingerprint<TRequest>(TRequest request) =>
        SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request, request!.GetType(), Fingerprints));

    public static string Keep<TResponse>(TResponse answer) => JsonSerializer.Serialize(answer, Answers);

    public static TResponse GiveAgain<TResponse>(string kept) =>
        JsonSerializer.Deserialize<TResponse>(kept, Answers)
        ?? throw new InvalidOperationException($"The kept answer could not be read as {typeof(TResponse).Name}.");

    private sealed class BytesByTheirHash : JsonConverter<byte[]>
    {
        public override byte[] Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Fingerprints are only written.");

        public override void Write(Utf8JsonWriter writer, byte[] value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Convert.ToHexString(SHA256.HashData(value)));
    }
}
