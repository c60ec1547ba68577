#include "core/formats/gguf/gguf_source.h"

namespace core {

GgufSource::GgufSource(const std::string& path)
    : GgufSource(std::make_shared<const GgufFile>(path))
{
}

GgufSource::GgufSource(std::shared_ptr<const GgufFile> file)
    : m_file(std::move(file))
{
    for (const auto& info : m_file->tensors()) {
        SourceTensor t;
        t.name = info.name;
        t.dtype = info.dtype;
        t.shape = info.shape;
        t.data = m_file->bytes(info);
        t.bytes = info.bytes;
        t.file = m_file->path();
        add(std::move(t));
    }
}

std::string GgufSource::describe() const { return m_file->path(); }

} // namespace core
