//! `errcat-codegen write | check`: writes or checks every generated file.

fn main() {
    let root = errcat_codegen::repo_root();
    match std::env::args().nth(1).as_deref() {
        Some("write") => match errcat_codegen::write_all(&root) {
            Ok(w) => {
                for p in &w {
                    println!("wrote {}", p.display());
                }
                println!("{} file(s) changed", w.len());
            }
            Err(e) => {
                eprintln!("errcat-codegen: {e}");
                std::process::exit(1);
            }
        },
        Some("check") => {
            let stale = errcat_codegen::stale(&root);
            if stale.is_empty() {
                println!("all generated files are fresh");
            } else {
                for p in &stale {
                    eprintln!("stale: {}", p.display());
                }
                eprintln!(
                    "run `cargo run --release -p errcat-codegen -- write` and commit the result"
                );
                std::process::exit(1);
            }
        }
        _ => {
            eprintln!("usage: errcat-codegen write|check");
            std::process::exit(2);
        }
    }
}
