//! Criterion benches of the hot stages, one document at a time, on the project's own
//! example article (so they run anywhere). Corpus-scale figures and the comparison with
//! spaCy come from `dossier bench` and `bench/run.sh`.

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use dossier_core::Document;
use dossier_engine::Engine;
use std::hint::black_box;

const ARTICLE: &str = include_str!("../../../examples/odesa-port-strike.txt");

fn stages(c: &mut Criterion) {
    let engine = Engine::load().expect("stages in order");
    let words = Document::new("bench", ARTICLE).word_count() as u64;

    let mut group = c.benchmark_group("article");
    group.throughput(Throughput::Elements(words));
    group.bench_function("tokenize", |b| {
        b.iter(|| Document::new("bench", black_box(ARTICLE)))
    });
    group.bench_function("pipeline", |b| {
        b.iter(|| {
            let mut doc = Document::new("bench", black_box(ARTICLE));
            engine.analyze(&mut doc);
            doc
        })
    });

    // Each stage on a document that already holds the layers before it.
    let mut before = Document::new("bench", ARTICLE);
    for stage in engine.stages() {
        let input = before.clone();
        group.bench_function(stage.name(), |b| {
            b.iter_batched_ref(
                || input.clone(),
                |doc| stage.run(doc),
                BatchSize::SmallInput,
            )
        });
        stage.run(&mut before);
    }
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
