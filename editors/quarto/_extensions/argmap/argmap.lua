-- Quarto (and Pandoc) filter: draw `argmap` code blocks as figures with argmap-pandoc.
-- It runs the JSON filter that `pip install 'argmap[pandoc]'` installs, telling it which
-- document it reads (so problems are reported at the document's own line) and, under Quarto,
-- that Quarto numbers and links the `@fig-...` cross-references itself.

local function input_file()
  if quarto ~= nil and quarto.doc ~= nil and quarto.doc.input_file ~= nil then
    return quarto.doc.input_file
  end
  if PANDOC_STATE ~= nil and PANDOC_STATE.input_files ~= nil and #PANDOC_STATE.input_files > 0 then
    return PANDOC_STATE.input_files[1]
  end
  return nil
end

function Pandoc(doc)
  local added = {}
  local file = input_file()
  if file ~= nil and file ~= "-" and doc.meta["argmap-input"] == nil then
    doc.meta["argmap-input"] = pandoc.MetaString(file)
    added["argmap-input"] = true
  end
  if quarto ~= nil and doc.meta["argmap-quarto"] == nil then
    doc.meta["argmap-quarto"] = pandoc.MetaBool(true)
    added["argmap-quarto"] = true
  end
  local result = pandoc.utils.run_json_filter(doc, "argmap-pandoc", { FORMAT })
  for key, _ in pairs(added) do
    result.meta[key] = nil
  end
  return result
end
