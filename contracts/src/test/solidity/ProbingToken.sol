// SPDX-License-Identifier: MIT
pragma solidity 0.8.24;

interface IVaultViews {
    function currentWeightsBps() external view returns (uint256[] memory);
}

/// @title ERC-20 whose transfers to or from a probed vault read the vault's views mid-call, as a malicious sleeve
///        token or any contract a swap calls could, and record whether the read was refused and with what selector.
/// @notice Test-only: compiled from src/test/solidity.
contract ProbingToken {
    string public name = "Probing Token";
    string public symbol = "PROBE";
    uint8 public constant decimals = 18;
    uint256 public totalSupply;
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;

    address public probe;
    uint256 public probes;
    uint256 public refusals;
    bytes4 public lastRefusal;

    function setProbe(address vault) external {
        probe = vault;
    }

    function mint(address to, uint256 amount) external {
        totalSupply += amount;
        balanceOf[to] += amount;
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        return true;
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        _move(msg.sender, to, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        allowance[from][msg.sender] -= amount;
        _move(from, to, amount);
        return true;
    }

    function _move(address from, address to, uint256 amount) private {
        balanceOf[from] -= amount;
        balanceOf[to] += amount;
        if (probe != address(0) && (from == probe || to == probe)) {
            probes += 1;
            try IVaultViews(probe).currentWeightsBps() returns (uint256[] memory) {}
            catch (bytes memory reason) {
                bytes4 selector;
                assembly {
                    selector := mload(add(reason, 32))
                }
                refusals += 1;
                lastRefusal = selector;
            }
        }
    }
}
