namespace Consortium.Portal.Training;

public static class TrainingPermissions
{
    public const string Group = "Training";

    public static class Materials
    {
        /// <summary>See the consortium's materials and collections (partner staff by default).</summary>
        public const string View = "Training.Materials.View";

        /// <summary>Add materials and collections, and edit those one authored (partner staff by default).</summary>
        public const string Author = "Training.Materials.Author";

        /// <summary>Edit any material or collection (Administrator and Coordinator by default).</summary>
        public const string Manage = "Training.Materials.Manage";
    }
}
