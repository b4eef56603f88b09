//! Browser entry point: mounts the Joblab app on the page body. Everything else is in the library.

fn main() {
    joblab_web::start();
}
