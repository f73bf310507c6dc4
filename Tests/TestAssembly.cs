// TorchSharp's thread count is process-wide, and changing it while another thread is inside a parallel
// op can hang the process (seen once in CI); test classes therefore run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
