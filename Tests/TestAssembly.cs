// TorchSharp's thread count is process-wide, and several test classes set it; changing it while another
// thread is inside a parallel op risks a hang, so test classes run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
