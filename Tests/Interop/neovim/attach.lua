-- Headless Neovim attached to `aafilter lsp` for the .aaf buffer it was started with (run by
-- the interop harness: nvim --headless -u NONE -c "luafile attach.lua" FILE, with $AAFILTER
-- the built tool). Prints each diagnostic as `CODE LINE COLUMN` (0-based; the column in bytes,
-- as Neovim converts the server's UTF-16 positions), then quits; status 1 when none arrive.
local buffer = vim.api.nvim_get_current_buf()
local name = vim.api.nvim_buf_get_name(buffer)
local config = {
  name = "aafilter",
  cmd = { vim.env.AAFILTER or "aafilter", "lsp" },
  root_dir = vim.fn.fnamemodify(name, ":p:h"),
}

-- vim.lsp.start arrived in Neovim 0.8; Debian bookworm ships 0.7, which has only the two steps
-- it wraps.
if vim.lsp.start then
  vim.lsp.start(config, { bufnr = buffer })
else
  local client = vim.lsp.start_client(config)
  if not client then
    io.stderr:write("the language server did not start\n")
    vim.cmd("cquit 1")
  end
  vim.lsp.buf_attach_client(buffer, client)
end

local arrived = vim.wait(30000, function()
  return #vim.diagnostic.get(buffer) > 0
end, 20)
if not arrived then
  io.stderr:write("no diagnostics within 30 s\n")
  vim.cmd("cquit 1")
end
for _, diagnostic in ipairs(vim.diagnostic.get(buffer)) do
  io.stdout:write(string.format("%s %d %d\n", tostring(diagnostic.code), diagnostic.lnum, diagnostic.col))
end
io.stdout:flush()
vim.cmd("qall!")
