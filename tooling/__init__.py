"""
Measuring tools, not part of the product and never imported by it: the load test
(`loadtest`), the benchmarks (`bench_pages`, `bench_render`, `bench_growth`,
`bench_search`, with `baseline_app` and `profile_pages`), and the reading pages'
screenshots and Lighthouse scores (`screenshots`, `lighthouse`).
"""
